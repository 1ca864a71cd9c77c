/* buf.c - the growable byte buffer (see buf.h). */
#include "colophon/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/mem.h"

void colo_buf_init(colo_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

void colo_buf_cleanup(colo_buf *b)
{
	if (!b)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}

void colo_buf_reset(colo_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static bool reserve(colo_buf *b, size_t extra)
{
	size_t need;

	if (extra > (size_t)-1 - b->len - 1)
		return false;
	need = b->len + extra + 1;
	if (b->max && b->len + extra > b->max)
		return false;
	if (need > b->alloc) {
		size_t n = b->alloc ? b->alloc : 64;

		while (n < need)
			n = n > ((size_t)-1) / 2 ? need : n * 2;
		b->data = colo_xrealloc(b->data, n);
		b->alloc = n;
	}
	return true;
}

bool colo_buf_append(colo_buf *b, const char *p, size_t n)
{
	if (!reserve(b, n))
		return false;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool colo_buf_puts(colo_buf *b, const char *s)
{
	return colo_buf_append(b, s, strlen(s));
}

bool colo_buf_putc(colo_buf *b, char c)
{
	return colo_buf_append(b, &c, 1);
}

bool colo_buf_printf(colo_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(b, (size_t)n))
		return false;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return true;
}

char *colo_buf_steal(colo_buf *b)
{
	char *p = b->data ? b->data : colo_xstrdup("");

	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}

const char *colo_buf_cstr(const colo_buf *b)
{
	return b->data ? b->data : "";
}

colo_read colo_buf_read(colo_buf *b, FILE *f)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (!colo_buf_append(b, chunk, n))
			return COLO_READ_TOO_BIG;
	return ferror(f) ? COLO_READ_ERROR : COLO_READ_OK;
}

char *colo_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	colo_buf b;
	colo_read r;

	if (!f)
		return NULL;
	colo_buf_init(&b, 0);
	r = colo_buf_read(&b, f);
	if (r != COLO_READ_OK) {
		int e = errno;

		fclose(f);
		colo_buf_cleanup(&b);
		errno = e;
		return NULL;
	}
	fclose(f);
	if (len)
		*len = b.len;
	return colo_buf_steal(&b);
}
