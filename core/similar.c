/* similar.c - scoring a candidate record against a stored work (see
 * similar.h for the formula and docs/ONLINE.md for why these weights).
 * Not here: finding candidates (cli/cmd_enrich.c) or duplicates inside
 * the store (colo_work_duplicate in model.c, which is exact by design). */
#include "colophon/similar.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

typedef struct tokset {
	char **v;
	size_t n, cap;
} tokset;

static void tokset_cleanup(tokset *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
}

static bool tokset_has(const tokset *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i], s) == 0)
			return true;
	return false;
}

static void tokset_add(tokset *t, const char *s, size_t len)
{
	char *w = colo_xstrndup(s, len);

	if (!*w || tokset_has(t, w)) {
		free(w);
		return;
	}
	colo_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = w;
}

/* The words of colo_text_normkey(s), each once. */
static void tokenize(const char *s, tokset *out)
{
	char *k;
	const char *p, *q;

	memset(out, 0, sizeof *out);
	if (!s)
		return;
	k = colo_text_normkey(s, strlen(s));
	for (p = k; *p; p = q) {
		while (*p == ' ')
			p++;
		for (q = p; *q && *q != ' '; q++)
			;
		if (q > p)
			tokset_add(out, p, (size_t)(q - p));
	}
	free(k);
}

double colo_similar_text(const char *a, const char *b)
{
	tokset x, y;
	size_t common = 0;
	double d = 0;

	tokenize(a, &x);
	tokenize(b, &y);
	for (size_t i = 0; i < x.n; i++)
		if (tokset_has(&y, x.v[i]))
			common++;
	if (x.n && y.n)
		d = 2.0 * (double)common / (double)(x.n + y.n);
	tokset_cleanup(&x);
	tokset_cleanup(&y);
	return d;
}

static char *full_title(const colo_work *w)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, w->title ? w->title : "");
	if (w->subtitle && *w->subtitle)
		colo_buf_printf(&b, " %s", w->subtitle);
	return colo_buf_steal(&b);
}

double colo_similar_title(const colo_work *known, const colo_work *cand)
{
	char *fa = full_title(known), *fb = full_title(cand);
	double main = colo_similar_text(known->title, cand->title);
	double full = colo_similar_text(fa, fb);

	free(fa);
	free(fb);
	return main > full ? main : full;
}

double colo_similar_year(int known, int cand)
{
	if (known <= 0 || cand <= 0)
		return 0.5;
	if (known == cand)
		return 1.0;
	if (known - cand == 1 || cand - known == 1)
		return 0.5;
	return 0.0;
}

static void families(const colo_work *w, tokset *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < w->ncreators; i++) {
		char *f = colo_name_family_norm(&w->creators[i].name);

		if (f && *f)
			tokset_add(out, f, strlen(f));
		free(f);
	}
}

double colo_similar_names(const colo_work *known, const colo_work *cand)
{
	tokset a, b;
	size_t found = 0;
	double s;

	families(known, &a);
	families(cand, &b);
	for (size_t i = 0; i < a.n; i++)
		if (tokset_has(&b, a.v[i]))
			found++;
	s = a.n ? (double)found / (double)a.n : 0.5;
	tokset_cleanup(&a);
	tokset_cleanup(&b);
	return s;
}

void colo_similar_works(const colo_work *known, const colo_work *cand,
                        colo_similar_score *out)
{
	out->title = colo_similar_title(known, cand);
	out->year = colo_similar_year(known->year, cand->year);
	out->names = colo_similar_names(known, cand);
	out->total = 0.6 * out->title + 0.2 * out->year + 0.2 * out->names;
}

bool colo_similar_accept(const colo_similar_score *s)
{
	/* A small tolerance: 0.6*0.75+0.2+0.2 must count as 0.85. */
	return s->total + 1e-9 >= COLO_SIMILAR_THRESHOLD &&
	       s->title + 1e-9 >= COLO_SIMILAR_TITLE_FLOOR;
}
