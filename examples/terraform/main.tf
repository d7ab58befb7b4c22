# Nordvik Outdoor, an online outdoor-gear shop based in Stockholm: the
# order platform. Everything runs in eu-north-1; a second AWS provider
# configuration, aws.dr, receives the disaster-recovery copies of the
# order database. `terraform plan -out plan.out && terraform show -json
# plan.out` prints plan.json (here pretty-printed with jq).

terraform {
  required_version = ">= 1.9"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

variable "region" {
  description = "Where the shop runs."
  type        = string
  default     = "eu-north-1"
}

variable "dr_region" {
  description = "Where disaster-recovery copies of the order database go."
  type        = string
  default     = "us-east-1"
}

variable "data_key_arn" {
  description = "The customer-data key, held by the security account."
  type        = string
  default     = "arn:aws:kms:eu-north-1:444455556666:key/0b7c5e2a-91d4-4f38-a6e2-5d1f8c3b7a90"
}

variable "dr_key_arn" {
  description = "The key for the disaster-recovery copies, in dr_region."
  type        = string
  default     = "arn:aws:kms:us-east-1:444455556666:key/6e3a9d1f-2b84-4c57-9f0e-a1c7d5b3e826"
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      owner = "platform-team"
    }
  }
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region

  default_tags {
    tags = {
      owner = "platform-team"
    }
  }
}

module "orders" {
  source = "./modules/orders"
  providers = {
    aws    = aws
    aws.dr = aws.dr
  }

  name          = "nordvik-orders"
  read_replicas = 2
  kms_key_arn   = var.data_key_arn
  dr_key_arn    = var.dr_key_arn
}

# Product photos and manuals: no personal data.
resource "aws_s3_bucket" "catalog" {
  for_each = toset(["images", "manuals"])

  bucket = "nordvik-catalog-${each.key}"
  tags = {
    "sovereign:data"   = "product-catalog"
    "sovereign:access" = "none"
  }
}

# Product recommendations, computed from the order history.
resource "aws_iam_role" "recommender" {
  name = "nordvik-recommender"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sagemaker.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_sagemaker_model" "recommender" {
  name               = "nordvik-recommender"
  execution_role_arn = aws_iam_role.recommender.arn

  primary_container {
    image = "444455556666.dkr.ecr.eu-north-1.amazonaws.com/recommender:2.3.1"
  }
}

resource "aws_sagemaker_endpoint_configuration" "recommender" {
  name = "nordvik-recommender"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.recommender.name
    instance_type          = "ml.m5.large"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_endpoint" "recommender" {
  name                 = "nordvik-recommender"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.recommender.name
}
