/* source.c - reading an import's input from a file, standard input or a
 * URL.
 *
 * URLs (http and https only) go through core/http.c with its redirect,
 * size and time limits; anything else is a path for colo_read_input.  No
 * parsing happens here. */
#include "cli.h"

#include <string.h>

#include "colophon/http.h"

/* "scheme://..." with a scheme of letters, digits, '+', '-', '.'. */
static bool has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                     "0123456789+-.");

	return n > 0 && strncmp(s + n, "://", 3) == 0;
}

bool colo_read_source(const char *file_or_url, size_t max, colo_buf *out,
                      colo_error *err)
{
	colo_http_opts o = {0};
	colo_error e;
	size_t n;

	if (!colo_http_is_url(file_or_url) && !has_scheme(file_or_url))
		return colo_read_input(file_or_url, max, out, err);
	o.max_body = max < COLO_HTTP_MAX_BODY ? max : COLO_HTTP_MAX_BODY;
	colo_error_clear(&e);
	if (colo_http_get(file_or_url, &o, out, NULL, &e))
		return true;
	/* The command line names the URL before the message already:
	 * "colophon: URL: HTTP 404", not the URL twice. */
	n = strlen("cannot fetch ") + strlen(file_or_url) + 2;
	if (strncmp(e.message, "cannot fetch ", 13) == 0 &&
	    strncmp(e.message + 13, file_or_url, strlen(file_or_url)) == 0 &&
	    strlen(e.message) > n)
		memmove(e.message, e.message + n, strlen(e.message + n) + 1);
	if (err)
		*err = e;
	return false;
}
