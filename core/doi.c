/* doi.c - DOI normalisation: resolver prefixes stripped, shape checked,
 * lower-cased; and the DOI as a URL path.  Not here: fetching (fetch.c)
 * or reading metadata (importers/crossref.c, importers/csljson.c). */
#include "colophon/doi.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool prefix_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char a = s[i], b = p[i];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* 10. + digits (4 or more) with optional .digits sub-codes + "/" + a
 * non-empty suffix of visible characters (no spaces or controls). */
static bool shaped(const char *d)
{
	const char *p = d;
	size_t run = 0;

	if (strncmp(p, "10.", 3) != 0)
		return false;
	p += 3;
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
		run++;
	if (run < 4 || *p != '/' || p[-1] == '.')
		return false;
	p++;
	if (!*p)
		return false;
	for (; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

bool colo_doi_normalize(const char *s, char **out, colo_error *err)
{
	static const char *const prefixes[] = {
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		"http://dx.doi.org/", "doi.org/", "dx.doi.org/", "doi:", "doi "};
	const char *t;
	size_t len;
	bool url = false;
	colo_buf b;

	*out = NULL;
	if (!s)
		s = "";
	t = colo_text_trim(s, strlen(s), &len);
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (prefix_ci(t, len, prefixes[i])) {
			size_t n = strlen(prefixes[i]);

			/* A resolver URL may carry %XX escapes. */
			url = strchr(prefixes[i], '/') != NULL;
			t = colo_text_trim(t + n, len - n, &len);
			break;
		}
	while (len && t[len - 1] == '.')
		len--;
	colo_buf_init(&b, 0);
	for (size_t i = 0; i < len; i++) {
		char c = t[i];

		if (url && c == '%' && i + 2 < len && hexval(t[i + 1]) >= 0 &&
		    hexval(t[i + 2]) >= 0) {
			c = (char)(hexval(t[i + 1]) * 16 + hexval(t[i + 2]));
			i += 2;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		colo_buf_putc(&b, c);
	}
	if (!shaped(colo_buf_cstr(&b))) {
		colo_buf_cleanup(&b);
		colo_error_set(err, COLO_EINPUT,
		               "not a DOI: '%s' (expected 10.NNNN/SUFFIX)", s);
		return false;
	}
	*out = colo_buf_steal(&b);
	return true;
}

char *colo_doi_url_path(const char *doi)
{
	static const char hex[] = "0123456789ABCDEF";
	colo_buf b;

	colo_buf_init(&b, 0);
	for (const unsigned char *p = (const unsigned char *)doi; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			colo_buf_putc(&b, (char)*p);
		} else {
			colo_buf_putc(&b, '%');
			colo_buf_putc(&b, hex[*p >> 4]);
			colo_buf_putc(&b, hex[*p & 15]);
		}
	}
	return colo_buf_steal(&b);
}
