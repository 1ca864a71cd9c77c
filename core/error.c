/* error.c - filling and formatting colo_error.  Nothing here allocates. */
#include "colophon/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void set_message(colo_error *err, const char *fmt, va_list ap)
{
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	/* One line, always: a message that embeds input text must not be
	 * able to forge extra diagnostic lines. */
	for (char *p = err->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

void colo_error_set(colo_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	err->line = 0;
	err->col = 0;
	va_start(ap, fmt);
	set_message(err, fmt, ap);
	va_end(ap);
}

void colo_error_set_at(colo_error *err, int code, unsigned line, unsigned col,
                       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->code = code;
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	set_message(err, fmt, ap);
	va_end(ap);
}

void colo_error_clear(colo_error *err)
{
	if (!err)
		return;
	err->code = COLO_OK;
	err->line = 0;
	err->col = 0;
	err->message[0] = '\0';
}

void colo_error_format(const colo_error *err, const char *file, char *out,
                       size_t outlen)
{
	if (!outlen)
		return;
	if (file && err->line && err->col)
		snprintf(out, outlen, "%s:%u:%u: %s", file, err->line, err->col,
		         err->message);
	else if (file && err->line)
		snprintf(out, outlen, "%s:%u: %s", file, err->line, err->message);
	else if (file)
		snprintf(out, outlen, "%s: %s", file, err->message);
	else
		snprintf(out, outlen, "%s", err->message);
}
