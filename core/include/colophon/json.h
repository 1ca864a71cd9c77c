/* json.h - a small streaming JSON writer into a colo_buf.
 *
 * Used for every --json output and the CSL-JSON writer.  It tracks commas
 * and nesting; strings are escaped per RFC 8259 (UTF-8 passes through). */
#ifndef COLOPHON_JSON_H
#define COLOPHON_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/buf.h"

#define COLO_JSON_MAX_DEPTH 64

typedef struct colo_json {
	colo_buf *out;
	int depth;
	bool pretty;
	bool first[COLO_JSON_MAX_DEPTH]; /* no element yet at this depth */
	bool after_key;
} colo_json;

void colo_json_init(colo_json *j, colo_buf *out, bool pretty);
void colo_json_begin_object(colo_json *j);
void colo_json_end_object(colo_json *j);
void colo_json_begin_array(colo_json *j);
void colo_json_end_array(colo_json *j);
void colo_json_key(colo_json *j, const char *key);
void colo_json_string(colo_json *j, const char *s); /* NULL writes null */
void colo_json_string_n(colo_json *j, const char *s, size_t len);
void colo_json_int(colo_json *j, long long v);
void colo_json_double(colo_json *j, double v);
void colo_json_bool(colo_json *j, bool v);
void colo_json_null(colo_json *j);
/* key + string, skipped entirely when s is NULL */
void colo_json_kv_str(colo_json *j, const char *key, const char *s);
/* key + int, skipped when v == 0 */
void colo_json_kv_int(colo_json *j, const char *key, long long v);

/* Appends s escaped as a JSON string (with quotes) to out. */
void colo_json_escape(colo_buf *out, const char *s, size_t len);

#endif
