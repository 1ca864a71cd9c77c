/* orcid.c - ORCID iDs (see orcid.h): the check character and the forms an
 * iD is written in.  Not the API client (importers/orcid.c). */
#include "colophon/orcid.h"

#include <string.h>

#include "colophon/text.h"

char colo_orcid_check_char(const char digits[15])
{
	int total = 0, rem;

	for (int i = 0; i < 15; i++)
		total = (total + (digits[i] - '0')) * 2;
	rem = total % 11;
	rem = (12 - rem) % 11;
	return rem == 10 ? 'X' : (char)('0' + rem);
}

static bool has_prefix(const char *s, size_t len, const char *p, size_t *skip)
{
	size_t n = strlen(p);

	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != p[i])
			return false;
	}
	*skip = n;
	return true;
}

bool colo_orcid_parse(const char *s, size_t len, char out[COLO_ORCID_LEN],
                      colo_error *err)
{
	static const char *const prefixes[] = {
		"https://orcid.org/", "http://orcid.org/",
		"https://www.orcid.org/", "http://www.orcid.org/",
		"https://sandbox.orcid.org/", "http://sandbox.orcid.org/",
		"orcid.org/", "orcid:",
	};
	char d[16];
	size_t n = 0, skip = 0;
	const char *p;
	size_t plen;
	char want;

	out[0] = '\0';
	p = colo_text_trim(s ? s : "", s ? len : 0, &plen);
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (has_prefix(p, plen, prefixes[i], &skip)) {
			p += skip;
			plen -= skip;
			break;
		}
	/* A URL may end with a slash. */
	if (plen && p[plen - 1] == '/')
		plen--;
	for (size_t i = 0; i < plen; i++) {
		char c = p[i];

		if (c == '-' && n > 0 && n % 4 == 0 && n < 16 &&
		    (i + 1 < plen && p[i + 1] != '-'))
			continue;
		if (n < 16 && ((c >= '0' && c <= '9') ||
		               (n == 15 && (c == 'X' || c == 'x')))) {
			d[n++] = c == 'x' ? 'X' : c;
			continue;
		}
		n = 17; /* anything else: not an iD */
		break;
	}
	if (n != 16) {
		colo_error_set(err, COLO_EUSAGE,
		               "'%.*s' is not an ORCID iD (16 digits, the last may "
		               "be X: 0000-0002-1825-0097)",
		               (int)(plen > 80 ? 80 : plen), p);
		return false;
	}
	want = colo_orcid_check_char(d);
	if (d[15] != want) {
		colo_error_set(err, COLO_EUSAGE,
		               "'%.*s' is not a valid ORCID iD: the check digit is "
		               "%c, not %c",
		               (int)plen, p, want, d[15]);
		return false;
	}
	for (int g = 0, o = 0; g < 4; g++) {
		memcpy(out + o, d + 4 * g, 4);
		o += 4;
		out[o++] = g < 3 ? '-' : '\0';
	}
	return true;
}

bool colo_orcid_valid(const char *s)
{
	char out[COLO_ORCID_LEN];

	return s && colo_orcid_parse(s, strlen(s), out, NULL);
}
