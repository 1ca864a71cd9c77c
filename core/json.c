/* json.c - streaming JSON writer (see json.h).  It trusts its caller to
 * nest correctly; misuse is a programmer error caught by asserts. */
#include "colophon/json.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void colo_json_init(colo_json *j, colo_buf *out, bool pretty)
{
	memset(j, 0, sizeof *j);
	j->out = out;
	j->pretty = pretty;
	j->first[0] = true;
}

static void newline(colo_json *j)
{
	if (!j->pretty)
		return;
	colo_buf_putc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		colo_buf_puts(j->out, "  ");
}

/* Writes the separator that must come before a new value or key. */
static void before_value(colo_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		colo_buf_putc(j->out, ',');
	j->first[j->depth] = false;
	if (j->depth > 0)
		newline(j);
}

static void json_open(colo_json *j, char c)
{
	before_value(j);
	colo_buf_putc(j->out, c);
	assert(j->depth + 1 < COLO_JSON_MAX_DEPTH);
	j->depth++;
	j->first[j->depth] = true;
}

static void json_close(colo_json *j, char c)
{
	bool empty = j->first[j->depth];

	assert(j->depth > 0);
	j->depth--;
	if (!empty)
		newline(j);
	colo_buf_putc(j->out, c);
	if (j->depth == 0 && j->pretty)
		colo_buf_putc(j->out, '\n');
}

void colo_json_begin_object(colo_json *j) { json_open(j, '{'); }
void colo_json_end_object(colo_json *j) { json_close(j, '}'); }
void colo_json_begin_array(colo_json *j) { json_open(j, '['); }
void colo_json_end_array(colo_json *j) { json_close(j, ']'); }

void colo_json_escape(colo_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	colo_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': colo_buf_puts(out, "\\\""); break;
		case '\\': colo_buf_puts(out, "\\\\"); break;
		case '\n': colo_buf_puts(out, "\\n"); break;
		case '\r': colo_buf_puts(out, "\\r"); break;
		case '\t': colo_buf_puts(out, "\\t"); break;
		case '\b': colo_buf_puts(out, "\\b"); break;
		case '\f': colo_buf_puts(out, "\\f"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char u[6] = {'\\', 'u', '0', '0', hex[c >> 4],
				             hex[c & 15]};
				colo_buf_append(out, u, sizeof u);
			} else {
				colo_buf_putc(out, (char)c);
			}
		}
	}
	colo_buf_putc(out, '"');
}

void colo_json_key(colo_json *j, const char *key)
{
	before_value(j);
	colo_json_escape(j->out, key, strlen(key));
	colo_buf_puts(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void colo_json_string(colo_json *j, const char *s)
{
	if (!s) {
		colo_json_null(j);
		return;
	}
	colo_json_string_n(j, s, strlen(s));
}

void colo_json_string_n(colo_json *j, const char *s, size_t len)
{
	before_value(j);
	colo_json_escape(j->out, s, len);
}

void colo_json_int(colo_json *j, long long v)
{
	before_value(j);
	colo_buf_printf(j->out, "%lld", v);
}

void colo_json_double(colo_json *j, double v)
{
	before_value(j);
	if (isfinite(v))
		colo_buf_printf(j->out, "%.15g", v);
	else
		colo_buf_puts(j->out, "null");
}

void colo_json_bool(colo_json *j, bool v)
{
	before_value(j);
	colo_buf_puts(j->out, v ? "true" : "false");
}

void colo_json_null(colo_json *j)
{
	before_value(j);
	colo_buf_puts(j->out, "null");
}

void colo_json_kv_str(colo_json *j, const char *key, const char *s)
{
	if (!s)
		return;
	colo_json_key(j, key);
	colo_json_string(j, s);
}

void colo_json_kv_int(colo_json *j, const char *key, long long v)
{
	if (!v)
		return;
	colo_json_key(j, key);
	colo_json_int(j, v);
}
