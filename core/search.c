/* search.c - search tokens and query parsing (see search.h).
 *
 * The same folding and stemming run when a work is saved and when a query
 * is parsed, so "Battleships" finds "The Battleship Book". */
#include "colophon/search.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

void colo_strv_cleanup(colo_strv *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++)
		free(v->items[i]);
	free(v->items);
	memset(v, 0, sizeof *v);
}

void colo_strv_add(colo_strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->items[i], s) == 0)
			return;
	colo_grow((void **)&v->items, &v->cap, v->n + 1, sizeof *v->items);
	v->items[v->n++] = colo_xstrdup(s);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && memcmp(s + n - k, suffix, k) == 0;
}

void colo_search_stem(char *t)
{
	size_t n = strlen(t);

	/* Short words and numbers stay as they are. */
	if (n <= 3 || (t[0] >= '0' && t[0] <= '9'))
		return;
	if (ends_with(t, n, "ies") && n > 4) {
		memcpy(t + n - 3, "y", 2);
		return;
	}
	if (ends_with(t, n, "sses")) {
		t[n - 2] = '\0';
		return;
	}
	if (ends_with(t, n, "ing") && n > 5) {
		t[n - 3] = '\0';
		return;
	}
	if (ends_with(t, n, "ed") && n > 4 && !ends_with(t, n, "eed")) {
		t[n - 2] = '\0';
		return;
	}
	if (ends_with(t, n, "s") && !ends_with(t, n, "ss") && !ends_with(t, n, "us") &&
	    !ends_with(t, n, "is"))
		t[n - 1] = '\0';
}

void colo_search_tokens_of(const char *text, const char *prefix, colo_strv *out)
{
	char **toks;
	size_t n;

	if (!text)
		return;
	colo_text_tokens(text, strlen(text), &toks, &n);
	for (size_t i = 0; i < n; i++) {
		colo_buf b;

		colo_search_stem(toks[i]);
		colo_buf_init(&b, 0);
		colo_buf_printf(&b, "%s%s", prefix, toks[i]);
		colo_strv_add(out, colo_buf_cstr(&b));
		colo_buf_cleanup(&b);
		free(toks[i]);
	}
	free(toks);
}

static void both(const char *text, const char *prefix, colo_strv *out)
{
	colo_search_tokens_of(text, "", out);
	colo_search_tokens_of(text, prefix, out);
}

void colo_search_work_tokens(const colo_work *w, colo_strv *out)
{
	both(w->title, "t:", out);
	both(w->subtitle, "t:", out);
	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_name *nm = &w->creators[i].name;

		both(nm->family, "a:", out);
		both(nm->given, "a:", out);
		both(nm->particle, "a:", out);
		both(nm->literal, "a:", out);
	}
	both(w->container, "v:", out);
	both(w->publisher, "v:", out);
}

void colo_search_query_cleanup(colo_search_query *q)
{
	if (!q)
		return;
	colo_strv_cleanup(&q->all);
	colo_strv_cleanup(&q->title);
	free(q->type);
	memset(q, 0, sizeof *q);
}

static bool parse_years(const char *v, int *since, int *until)
{
	char *end;
	long a = strtol(v, &end, 10), b;

	if (end == v || a < 0 || a > 9999)
		return false;
	if (*end == '\0') {
		*since = *until = (int)a;
		return true;
	}
	if (strncmp(end, "..", 2) != 0)
		return false;
	v = end + 2;
	b = *v ? strtol(v, &end, 10) : 0;
	if ((*v && (*end != '\0' || b < a || b > 9999)))
		return false;
	*since = (int)a;
	*until = (int)b;
	return true;
}

bool colo_search_parse(const char *text, colo_search_query *out,
                       colo_error *err)
{
	const char *p = text;

	memset(out, 0, sizeof *out);
	while (*p) {
		const char *e, *colon;
		char *term;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		term = colo_xstrndup(p, (size_t)(e - p));
		colon = strchr(term, ':');
		if (colon && colon > term && colon[1]) {
			size_t fl = (size_t)(colon - term);
			const char *v = colon + 1;

			if (fl == 4 && strncmp(term, "year", 4) == 0) {
				if (!parse_years(v, &out->since, &out->until)) {
					colo_error_set(err, COLO_EUSAGE,
					               "bad year range '%s' (2014 or 2014..2020)", v);
					free(term);
					return false;
				}
			} else if (fl == 4 && strncmp(term, "type", 4) == 0) {
				colo_set_str(&out->type, v);
			} else if ((fl == 6 && strncmp(term, "author", 6) == 0) ||
			           (fl == 5 && strncmp(term, "title", 5) == 0) ||
			           (fl == 5 && strncmp(term, "venue", 5) == 0)) {
				const char *prefix = term[0] == 'a' ? "a:" : term[0] == 't' ? "t:" : "v:";

				colo_search_tokens_of(v, prefix, &out->all);
			} else {
				colo_error_set(err, COLO_EUSAGE,
				               "unknown search field '%.*s' (author, title, "
				               "venue, year, type)",
				               (int)fl, term);
				free(term);
				return false;
			}
		} else {
			colo_search_tokens_of(term, "", &out->all);
			colo_search_tokens_of(term, "t:", &out->title);
		}
		free(term);
		p = e;
	}
	if (!out->all.n && !out->type && !out->since && !out->until) {
		colo_error_set(err, COLO_EUSAGE, "nothing to search for");
		return false;
	}
	return true;
}
