/*
 * import.c - import: from the bytes of one or more inputs to deployment
 * XML. Converts UTF-16 to UTF-8, tells JSON from YAML, detects the
 * format from the content (or takes the caller's), runs the format's
 * reader into one draft, adds the annotations and writes the draft out.
 */
#include "import.h"

#include <string.h>

#include "base/diag.h"
#include "import/annotations.h"
#include "import/emit.h"

const char *const import_format_names[IMPORT_FORMATS] = {
	"auto", "deployment", "terraform-plan", "terraform-state",
	"cloudformation", "arm",
};

/* ------------------------------------------------------------------ */
/* Encodings                                                           */

static void put_utf8(char *out, size_t *n, unsigned long cp)
{
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xc0 | (cp >> 6));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xe0 | (cp >> 12));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | (cp >> 18));
		out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static unsigned unit16(const unsigned char *p, int big)
{
	return big ? (unsigned)(p[0] << 8 | p[1]) :
	       (unsigned)(p[1] << 8 | p[0]);
}

/* UTF-16 after its byte order mark -> UTF-8 in `a`; an unpaired
 * surrogate or an odd length is an error (-1) at *line, *col. */
static int from_utf16(arena *a, const unsigned char *p, size_t len,
	int big, char **out, size_t *out_len, unsigned *line, unsigned *col)
{
	char *u = arena_alloc(a, len / 2 * 3 + 1);
	size_t i, n = 0;

	*line = *col = 1;
	if (!u)
		return SOV_ENOMEM;
	for (i = 2; i < len; i += 2) {
		unsigned long cp = i + 1 < len ? unit16(p + i, big) : 0xdc00;

		if (cp >= 0xdc00 && cp <= 0xdfff)
			return -1;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			unsigned lo = i + 3 < len ? unit16(p + i + 2, big) : 0;

			if (lo < 0xdc00 || lo > 0xdfff)
				return -1;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		}
		put_utf8(u, &n, cp);
		*col = cp == '\n' ? 1 : *col + 1;
		*line += cp == '\n';
	}
	u[n] = '\0';
	*out = u;
	*out_len = n;
	return SOV_OK;
}

int import_to_utf8(arena *a, const char *name, const char **data,
	size_t *len, sov_diags *diags)
{
	const unsigned char *p = (const unsigned char *)*data;
	char *u = NULL;
	unsigned line, col;
	int big, rc;

	if (*len >= 4 && ((p[0] == 0xff && p[1] == 0xfe && !p[2] && !p[3]) ||
			  (!p[0] && !p[1] && p[2] == 0xfe && p[3] == 0xff))) {
		diag_add(diags, SOV_SEV_ERROR, name, 1, 1, "UTF-8 or UTF-16",
			"the file is encoded as UTF-32; save it as UTF-8");
		return SOV_EINPUT;
	}
	if (*len < 2 || !((p[0] == 0xff && p[1] == 0xfe) ||
			  (p[0] == 0xfe && p[1] == 0xff)))
		return SOV_OK;
	big = p[0] == 0xfe;
	rc = from_utf16(a, p, *len, big, &u, len, &line, &col);
	if (rc == -1) {
		diag_add(diags, SOV_SEV_ERROR, name, line, col,
			"well-formed UTF-16", "the file is encoded as "
			"UTF-16 but holds a broken character; save it as "
			"UTF-8");
		return SOV_EINPUT;
	}
	if (rc == SOV_OK)
		*data = u;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Detection                                                           */

/* The first byte after white space and a UTF-8 byte order mark. */
static int first_byte(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < len && strchr(" \t\r\n", data[i]) && data[i])
		i++;
	return i < len ? (unsigned char)data[i] : -1;
}

/* '<' first in UTF-16 or UTF-32, after a byte order mark or not: an
 * XML document, so that the XML loader can say how to save it. */
static int wide_xml(const unsigned char *p, size_t len)
{
	size_t i = len >= 4 && (memcmp(p, "\xff\xfe\0\0", 4) == 0 ||
				memcmp(p, "\0\0\xfe\xff", 4) == 0) ? 4 :
		   len >= 2 && (memcmp(p, "\xff\xfe", 2) == 0 ||
				memcmp(p, "\xfe\xff", 2) == 0) ? 2 : 0;

	if (len >= i + 4 && !p[i] && !p[i + 1] && !p[i + 2] &&
	    p[i + 3] == '<')
		return 1;
	return len >= i + 2 && ((p[i] == '<' && !p[i + 1]) ||
				(!p[i] && p[i + 1] == '<'));
}

int import_is_xml(const char *data, size_t len)
{
	return first_byte(data, len) == '<' ||
	       wide_xml((const unsigned char *)data, len);
}

static int has(const json_value *root, const char *key)
{
	return json_get(root, key) != NULL;
}

static import_format detect(const json_value *root)
{
	const char *schema = json_str(json_get(root, "$schema"));

	if (!root || root->type != JSON_OBJECT)
		return IMPORT_AUTO;
	if (has(root, "format_version"))
		return has(root, "values") && !has(root, "planned_values") &&
		       !has(root, "resource_changes") ?
		       IMPORT_TERRAFORM_STATE : IMPORT_TERRAFORM_PLAN;
	/* A parameters file too, so that its reader can say what it is. */
	if ((schema && (strstr(schema, "deploymentTemplate") ||
			strstr(schema, "deploymentParameters"))) ||
	    (has(root, "contentVersion") && has(root, "resources")))
		return IMPORT_ARM;
	if (has(root, "AWSTemplateFormatVersion") || has(root, "Resources"))
		return IMPORT_CLOUDFORMATION;
	return IMPORT_AUTO;
}

static int read_one(draft *d, const json_value *root, import_format f)
{
	switch (f) {
	case IMPORT_TERRAFORM_PLAN: return terraform_import(d, root, 0);
	case IMPORT_TERRAFORM_STATE: return terraform_import(d, root, 1);
	case IMPORT_CLOUDFORMATION: return cloudformation_import(d, root);
	case IMPORT_ARM: return arm_import(d, root);
	default: return SOV_OK;
	}
}

/* One input into the draft: parse, detect, read. */
static int import_one(draft *d, const import_input *in, import_format f,
	sov_diags *diags)
{
	const char *data = in->data;
	size_t len = in->len;
	json_value *root = NULL;
	int c, rc = import_to_utf8(d->arena, in->name, &data, &len, diags);

	if (rc != SOV_OK)
		return rc;
	c = first_byte(data, len);
	rc = json_parse_doc(&root, d->arena, in->name, data, len,
		c == '{' || c == '[' ? JSON_SYNTAX_JSON : JSON_SYNTAX_YAML,
		diags);
	if (rc != SOV_OK)
		return rc;
	if (f == IMPORT_AUTO)
		f = detect(root);
	if (f == IMPORT_AUTO) {
		diag_add(diags, SOV_SEV_ERROR, in->name, root->line,
			root->column, "a Terraform plan or state (terraform "
			"show -json), a CloudFormation template or an ARM "
			"template",
			"the format of the file is not recognised");
		return SOV_EINPUT;
	}
	d->file = in->name;
	if (!d->format)
		d->format = import_format_names[f];
	return read_one(d, root, f);
}

/* ------------------------------------------------------------------ */
/* The deployment's name                                               */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* "plans/eu-prod.plan.json" -> "eu-prod": an id from the file name. */
static const char *id_from_file(arena *a, const char *path)
{
	const char *b = base_name(path);
	size_t n = strcspn(b, "."), i;
	char *id = arena_strndup(a, b, n ? n : strlen(b));

	for (i = 0; id && id[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-", id[i]))
			id[i] = '-';
	if (id && (!id[0] || !strchr("abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", id[0])))
		id = arena_printf(a, "d%s", id);
	return id;
}

static const char *title_of(arena *a, const import_input *in, size_t n,
	const char *format)
{
	buf b;
	size_t i;
	const char *t;

	buf_init(&b, arena_allocator(a));
	buf_puts(&b, "Imported from ");
	for (i = 0; i < n && i < 8; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", base_name(in[i].name));
	if (n > 8)
		buf_printf(&b, " and %zu more", n - 8);
	buf_printf(&b, " (%s)", format ? format : "none");
	buf_putc(&b, '\0');
	t = b.oom ? NULL : arena_strdup(a, b.data);
	buf_release(&b);
	return t;
}

int import_render(buf *out, arena *a, const catalog *cat,
	const import_input *in, size_t n, const import_settings *s,
	sov_diags *diags)
{
	draft d;
	size_t i;
	int rc = SOV_OK, failed = 0;

	draft_init(&d, a, cat, diags);
	d.region_default = s->region;
	d.location_default = s->location;
	for (i = 0; i < n && rc != SOV_ENOMEM; i++) {
		rc = import_one(&d, &in[i], s->format, diags);
		failed |= rc != SOV_OK;
	}
	if (rc == SOV_ENOMEM)
		return rc;
	if (!failed && s->annotations)
		rc = annotations_apply(s->annotations, &d);
	if (rc == SOV_OK && !failed)
		rc = draft_finish(&d);
	if (rc != SOV_OK)
		return rc;
	if (failed || d.errors)
		return SOV_EINPUT;
	d.id = s->id ? s->id : d.id ? d.id : id_from_file(a, in[0].name);
	if (!d.title)
		d.title = title_of(a, in, n, d.format);
	if (!d.id || !d.title)
		return SOV_ENOMEM;
	emit_deployment(out, &d);
	return out->oom ? SOV_ENOMEM : SOV_OK;
}
