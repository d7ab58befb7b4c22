# The order database, its read replicas, the shopping carts, and the
# copies of the database's automated backups in the aws.dr region.

terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      version               = "~> 5.80"
      configuration_aliases = [aws.dr]
    }
  }
}

variable "name" {
  type = string
}

variable "read_replicas" {
  type    = number
  default = 1
}

variable "kms_key_arn" {
  type = string
}

variable "dr_key_arn" {
  type = string
}

resource "aws_db_instance" "main" {
  identifier                  = var.name
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.m7g.large"
  allocated_storage           = 100
  storage_type                = "gp3"
  db_name                     = "orders"
  username                    = "orders_admin"
  manage_master_user_password = true
  multi_az                    = true
  storage_encrypted           = true
  kms_key_id                  = var.kms_key_arn
  backup_retention_period     = 14
  deletion_protection         = true
  final_snapshot_identifier   = "${var.name}-final"
}

resource "aws_db_instance" "read" {
  count = var.read_replicas

  identifier              = "${var.name}-read-${count.index}"
  replicate_source_db     = aws_db_instance.main.identifier
  instance_class          = "db.m7g.large"
  storage_encrypted       = true
  kms_key_id              = var.kms_key_arn
  backup_retention_period = 7
  skip_final_snapshot     = true
}

resource "aws_db_instance_automated_backups_replication" "dr" {
  provider = aws.dr

  source_db_instance_arn = aws_db_instance.main.arn
  kms_key_id             = var.dr_key_arn
  retention_period       = 14
}

resource "aws_dynamodb_table" "carts" {
  name         = "${var.name}-carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "cart_id"

  attribute {
    name = "cart_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = {
    "sovereign:data" = "personal"
  }
}
