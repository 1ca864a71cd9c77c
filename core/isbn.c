/* isbn.c - ISBN check digits and conversion to ISBN-13.
 *
 * ISBN-10: weights 10..2 over the first nine digits, check = (11 - sum mod
 * 11) mod 11, 10 written 'X'.  ISBN-13: weights 1,3,1,3... over twelve
 * digits, check = (10 - sum mod 10) mod 10.  An ISBN-10 becomes an
 * ISBN-13 by prefixing 978 and recomputing the check digit.  Not here:
 * looking books up (importers/openlibrary.c). */
#include "colophon/isbn.h"

#include <string.h>

char colo_isbn10_check(const char *d)
{
	int sum = 0;

	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * (10 - i);
	sum = (11 - sum % 11) % 11;
	return sum == 10 ? 'X' : (char)('0' + sum);
}

char colo_isbn13_check(const char *d)
{
	int sum = 0;

	for (int i = 0; i < 12; i++)
		sum += (d[i] - '0') * (i % 2 ? 3 : 1);
	return (char)('0' + (10 - sum % 10) % 10);
}

/* Skips an "ISBN", "ISBN-10" or "ISBN-13" label and a colon. */
static const char *skip_label(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if ((s[0] == 'I' || s[0] == 'i') && (s[1] == 'S' || s[1] == 's') &&
	    (s[2] == 'B' || s[2] == 'b') && (s[3] == 'N' || s[3] == 'n')) {
		s += 4;
		if (s[0] == '-' && s[1] == '1' && (s[2] == '0' || s[2] == '3'))
			s += 3;
		if (*s == ':')
			s++;
	}
	return s;
}

bool colo_isbn_normalize(const char *s, char out[COLO_ISBN13_LEN],
                         colo_error *err)
{
	char d[14];
	size_t n = 0;
	const char *p;

	out[0] = '\0';
	if (!s)
		s = "";
	for (p = skip_label(s); *p; p++) {
		if (*p == '-' || *p == ' ' || *p == '\t')
			continue;
		if ((*p >= '0' && *p <= '9') || *p == 'X' || *p == 'x') {
			if (n == 13) {
				n = 14;
				break;
			}
			d[n++] = *p == 'x' ? 'X' : *p;
			continue;
		}
		colo_error_set(err, COLO_EINPUT,
		               "invalid ISBN '%s': unexpected character '%c'", s, *p);
		return false;
	}
	if (n != 10 && n != 13) {
		colo_error_set(err, COLO_EINPUT,
		               "invalid ISBN '%s': expected 10 or 13 digits", s);
		return false;
	}
	d[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (d[i] == 'X' && !(n == 10 && i == 9)) {
			colo_error_set(err, COLO_EINPUT,
			               "invalid ISBN '%s': 'X' is only an ISBN-10's "
			               "check digit",
			               s);
			return false;
		}
	if (n == 10) {
		char want = colo_isbn10_check(d);

		if (d[9] != want) {
			colo_error_set(err, COLO_EINPUT,
			               "invalid ISBN '%s': check digit is %c, expected %c",
			               s, d[9], want);
			return false;
		}
		memcpy(out, "978", 3);
		memcpy(out + 3, d, 9);
		out[12] = colo_isbn13_check(out);
		out[13] = '\0';
		return true;
	}
	if (memcmp(d, "978", 3) != 0 && memcmp(d, "979", 3) != 0) {
		colo_error_set(err, COLO_EINPUT,
		               "invalid ISBN '%s': an ISBN-13 starts with 978 or 979",
		               s);
		return false;
	}
	if (d[12] != colo_isbn13_check(d)) {
		colo_error_set(err, COLO_EINPUT,
		               "invalid ISBN '%s': check digit is %c, expected %c", s,
		               d[12], colo_isbn13_check(d));
		return false;
	}
	memcpy(out, d, 14);
	return true;
}

bool colo_isbn_valid(const char *s)
{
	char out[COLO_ISBN13_LEN];

	return colo_isbn_normalize(s, out, NULL);
}
