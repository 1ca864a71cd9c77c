/* uri.c - masks the password in a MongoDB connection URI.
 *
 * Needs no driver: the CLI prints URIs (status lines, error messages)
 * through this without including mongoc.  It does not validate URIs; it
 * only guarantees that what looks like a password is not copied. */
#include "colophon/uri.h"

#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

char *colo_uri_mask(const char *uri)
{
	const char *auth, *at, *end, *colon;
	colo_buf out;

	if (!uri)
		return NULL;
	auth = strstr(uri, "://");
	auth = auth ? auth + 3 : uri;

	/* The user-info ends at the last '@' before the path.  A password
	 * that was not percent-encoded may itself hold '/' or '@', so the
	 * path is looked for only after the first '@', and the last '@'
	 * before that path wins. */
	at = strchr(auth, '@');
	if (!at)
		return colo_xstrdup(uri);
	end = at + strcspn(at, "/?");
	for (const char *p = at; p < end; p++)
		if (*p == '@')
			at = p;

	colon = memchr(auth, ':', (size_t)(at - auth));
	if (!colon)
		return colo_xstrdup(uri); /* user name only */

	colo_buf_init(&out, 0);
	colo_buf_append(&out, uri, (size_t)(colon + 1 - uri));
	colo_buf_puts(&out, "****");
	colo_buf_puts(&out, at);
	return colo_buf_steal(&out);
}
