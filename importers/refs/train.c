/* train.c - colophon-refs-train: trains the reference labeller's model and
 * labels references with a model, for scoring.
 *
 *   colophon-refs-train [options] -o MODEL FILE.jsonl...
 *   colophon-refs-train --label --model MODEL [--holdout K] FILE.jsonl...
 *
 * Input is labelled references, one JSON object a line with "id", "text"
 * and "segments" ([label, text] pieces in order, as in
 * ../shared/data/refs/README.md).  Training reads them, turns each piece's
 * bytes into token labels (the cleaning rules are in docs/REFS_MODEL.md),
 * runs an averaged structured perceptron for --epochs passes over the
 * records in a shuffled order (a fixed seed: the same input gives the same
 * model), drops weights smaller than --prune and writes the model file
 * label.c reads.  With --stages 2 (the default) a second stage follows,
 * trained on first-stage labels each made by a model that did not see the
 * record (--folds parts).  --holdout K keeps out every record whose id hashes to 0
 * mod K; with --label it labels only those, printing one JSON object a
 * line: {"id": ..., "segments": [[label, text], ...]}.
 *
 * A stand-alone tool: it links the labeller and a few core helpers, not the
 * library or the command line. */
#include <jansson.h>
#include <math.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colophon/mem.h"
#include "colophon/buf.h"
#include "label_priv.h"

#define NONE_MARK 255

typedef struct rec {
	char *id;
	char *text;
	size_t len;
	colo_refs_tok *t;
	size_t n;
	unsigned char *gold;
	bool held;
} rec;

typedef struct recs {
	rec *r;
	size_t n, cap;
} recs;

typedef struct opts {
	int epochs;
	unsigned holdout;
	uint64_t seed;
	unsigned min_count;
	double prune;
	double scale;
	double dropout;
	unsigned stages, folds;
	const char *out;
	const char *model;
	bool label;
	bool quiet;
} opts;

static uint32_t id_hash(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

static bool ci_contains(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit), i, j;

	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++) {
			char c = s[i + j];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c != lit[j])
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

static bool has_doi(const char *s, size_t len)
{
	size_t i, j;

	for (i = 0; i + 4 < len; i++) {
		if (s[i] != '1' || s[i + 1] != '0' || s[i + 2] != '.')
			continue;
		for (j = i + 3; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j > i + 3 && j < len && s[j] == '/')
			return true;
	}
	return false;
}

static bool has_isbn(const char *s, size_t len)
{
	size_t i, digits = 0;

	if (ci_contains(s, len, "isbn"))
		return true;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != '-' && s[i] != ' ' && s[i] != 'X' &&
		         s[i] != 'x')
			return false;
	}
	return digits == 10 || digits == 13;
}

/* The label a training piece stands for; some of the data's labels depend
 * on what the piece says (docs/REFS_MODEL.md). */
static colo_ref_label piece_label(const char *name, const char *s, size_t len)
{
	colo_ref_label l;

	if (strcmp(name, "org") == 0) {
		if (ci_contains(s, len, "collaboration") ||
		    ci_contains(s, len, "consortium") ||
		    ci_contains(s, len, "group") || ci_contains(s, len, "team") ||
		    ci_contains(s, len, "committee") ||
		    ci_contains(s, len, "working party"))
			return COLO_REF_AUTHOR;
		return COLO_REF_PUBLISHER;
	}
	if (strcmp(name, "identifier") == 0) {
		if (has_doi(s, len))
			return COLO_REF_DOI;
		if (has_isbn(s, len))
			return COLO_REF_ISBN;
		return COLO_REF_NOTE;
	}
	l = colo_ref_label_parse(name);
	return l == COLO_REF_NLABELS ? COLO_REF_NOTE : l;
}

static size_t find_from(const char *hay, size_t hlen, size_t from,
                        const char *needle, size_t nlen)
{
	size_t i;

	if (nlen == 0 || nlen > hlen)
		return (size_t)-1;
	for (i = from; i + nlen <= hlen; i++)
		if (memcmp(hay + i, needle, nlen) == 0)
			return i;
	return (size_t)-1;
}

static bool is_kw(const rec *r, size_t i, unsigned char cat)
{
	return r->t[i].cat == cat;
}

/* Relabels token i (and a full stop glued to it) to NONE. */
static size_t drop_kw(rec *r, size_t i)
{
	r->gold[i] = COLO_REF_NONE;
	if (i + 1 < r->n && r->t[i + 1].cls == COLO_RT_DOT &&
	    !r->t[i + 1].space_before)
		r->gold[++i] = COLO_REF_NONE;
	return i + 1;
}

/* Makes the two corpora's conventions agree (docs/REFS_MODEL.md): the
 * issue in "4(2)" is an issue, "pp.", "Vol.", "No." and a leading "In"
 * are outside the field they introduce, and no field starts or ends with
 * punctuation. */
static void clean_labels(rec *r)
{
	size_t i, j, a, b;

	for (i = 0; i < r->n;) {
		unsigned char l = r->gold[i];
		bool seen_num = false;

		for (j = i; j < r->n && r->gold[j] == l; j++)
			;
		if (l == COLO_REF_VOLUME) {
			bool to_issue = false;
			for (a = i; a < j; a++) {
				unsigned c = r->t[a].cls;
				if (r->t[a].cat == COLO_RC_ISSUE && seen_num) {
					/* "Vol. 9, No. 3": "No." and the comma
					 * before it are between the two fields. */
					to_issue = true;
					r->gold[a] = COLO_REF_NONE;
					if (a > i && r->t[a - 1].cls == COLO_RT_SEP)
						r->gold[a - 1] = COLO_REF_NONE;
					if (a + 1 < j &&
					    r->t[a + 1].cls == COLO_RT_DOT) {
						r->gold[a + 1] = COLO_REF_NONE;
						a++;
					}
					continue;
				}
				if ((c == COLO_RT_NUMBER || c == COLO_RT_ALNUM ||
				     c == COLO_RT_YEAR) &&
				    ((seen_num && r->t[a].in_paren) || to_issue))
					r->gold[a] = COLO_REF_ISSUE;
				if (c == COLO_RT_NUMBER || c == COLO_RT_ALNUM)
					seen_num = true;
			}
		}
		i = j;
	}
	for (i = 0; i < r->n;) {
		unsigned char l = r->gold[i];

		for (j = i; j < r->n && r->gold[j] == l; j++)
			;
		a = i;
		while (a < j && colo_refs_is_edge_punct(r->t[a].cls))
			a++;
		if ((l == COLO_REF_PAGES && a < j && is_kw(r, a, COLO_RC_PAGES)) ||
		    (l == COLO_REF_VOLUME && a < j && is_kw(r, a, COLO_RC_VOLUME)) ||
		    (l == COLO_REF_ISSUE && a < j && is_kw(r, a, COLO_RC_ISSUE)) ||
		    ((l == COLO_REF_CONTAINER || l == COLO_REF_EDITOR) &&
		     a < j && is_kw(r, a, COLO_RC_IN))) {
			b = drop_kw(r, a);
			if (b < j && r->t[b].cls == COLO_RT_SEP &&
			    l != COLO_REF_PAGES)
				r->gold[b] = COLO_REF_NONE;
		}
		i = j;
	}
	/* Edge punctuation, after the keywords went. */
	for (i = 0; i < r->n;) {
		unsigned char l = r->gold[i];

		for (j = i; j < r->n && r->gold[j] == l; j++)
			;
		if (l != COLO_REF_NONE) {
			for (a = i; a < j && colo_refs_is_edge_punct(r->t[a].cls);
			     a++)
				r->gold[a] = COLO_REF_NONE;
			for (b = j; b > a &&
			            colo_refs_is_edge_punct(r->t[b - 1].cls);
			     b--)
				r->gold[b - 1] = COLO_REF_NONE;
		}
		i = j;
	}
}

/* Token labels from the pieces: each token takes the label most of its
 * labelled bytes carry. */
static bool label_tokens(rec *r, json_t *segs, unsigned long *unfound)
{
	unsigned char *bytes = colo_xmalloc(r->len ? r->len : 1);
	size_t cur = 0, k, i;
	json_t *seg;

	memset(bytes, NONE_MARK, r->len ? r->len : 1);
	json_array_foreach(segs, k, seg)
	{
		const char *name = json_string_value(json_array_get(seg, 0));
		const char *txt = json_string_value(json_array_get(seg, 1));
		size_t tl, at;
		colo_ref_label l;

		if (!name || !txt)
			continue;
		tl = strlen(txt);
		at = find_from(r->text, r->len, cur, txt, tl);
		if (at == (size_t)-1) {
			(*unfound)++;
			continue;
		}
		l = piece_label(name, txt, tl);
		memset(bytes + at, (int)l, tl);
		cur = at + tl;
	}
	r->gold = colo_xmalloc(r->n ? r->n : 1);
	for (i = 0; i < r->n; i++) {
		unsigned cnt[COLO_REFS_L] = {0};
		unsigned best = COLO_REF_NONE, bc = 0, l;
		size_t b;
		for (b = r->t[i].start; b < r->t[i].end; b++)
			if (bytes[b] != NONE_MARK)
				cnt[bytes[b]]++;
		for (l = 0; l < COLO_REFS_L; l++)
			if (cnt[l] > bc) {
				bc = cnt[l];
				best = l;
			}
		r->gold[i] = (unsigned char)best;
	}
	free(bytes);
	clean_labels(r);
	return true;
}

static void rec_free(rec *r)
{
	free(r->id);
	free(r->text);
	free(r->t);
	free(r->gold);
}

static bool read_file(const char *path, recs *out, const opts *o,
                      unsigned long *unfound)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long lineno = 0;
	bool ok = false;

	if (!f) {
		fprintf(stderr, "colophon-refs-train: %s: cannot open\n", path);
		return false;
	}
	while ((got = getline(&line, &cap, f)) >= 0) {
		json_error_t jerr;
		json_t *obj, *segs;
		const char *id, *text;
		colo_error err;
		rec r;

		lineno++;
		if (got == 0 || line[0] == '\n')
			continue;
		obj = json_loadb(line, (size_t)got, 0, &jerr);
		if (!obj) {
			fprintf(stderr, "colophon-refs-train: %s:%lu: %s\n",
			        path, lineno, jerr.text);
			goto done;
		}
		id = json_string_value(json_object_get(obj, "id"));
		text = json_string_value(json_object_get(obj, "text"));
		segs = json_object_get(obj, "segments");
		if (!id || !text) {
			fprintf(stderr,
			        "colophon-refs-train: %s:%lu: no id or text\n",
			        path, lineno);
			json_decref(obj);
			goto done;
		}
		memset(&r, 0, sizeof r);
		r.id = colo_xstrdup(id);
		r.text = colo_xstrdup(text);
		r.len = strlen(text);
		r.held = o->holdout > 1 && id_hash(id) % o->holdout == 0;
		if (!colo_refs_tokenize(r.text, r.len, &r.t, &r.n, &err)) {
			fprintf(stderr,
			        "colophon-refs-train: %s:%lu: skipped: %s\n",
			        path, lineno, err.message);
			rec_free(&r);
			json_decref(obj);
			continue;
		}
		if (json_is_array(segs))
			label_tokens(&r, segs, unfound);
		json_decref(obj);
		colo_grow((void **)&out->r, &out->cap, out->n + 1,
		          sizeof *out->r);
		out->r[out->n++] = r;
	}
	ok = true;
done:
	free(line);
	fclose(f);
	return ok;
}

/* ---- the feature dictionary ---- */

typedef struct fdict {
	uint64_t *keys;
	uint32_t *count;
	uint32_t *index;
	size_t cap, n;
} fdict;

static uint64_t slot_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static size_t fd_find(fdict *d, uint64_t key, bool add)
{
	size_t mask, j;

	if (add && (d->n + 1) * 2 > d->cap) {
		fdict g = {NULL, NULL, NULL, d->cap ? d->cap * 2 : 1 << 16, 0};
		size_t i;
		g.keys = colo_xcalloc(g.cap, sizeof *g.keys);
		g.count = colo_xcalloc(g.cap, sizeof *g.count);
		g.index = colo_xcalloc(g.cap, sizeof *g.index);
		for (i = 0; i < d->cap; i++) {
			if (!d->keys[i])
				continue;
			j = fd_find(&g, d->keys[i], true);
			g.count[j] = d->count[i];
			g.index[j] = d->index[i];
		}
		free(d->keys);
		free(d->count);
		free(d->index);
		*d = g;
	}
	if (!d->cap)
		return (size_t)-1;
	mask = d->cap - 1;
	for (j = slot_hash(key) & mask; d->keys[j]; j = (j + 1) & mask)
		if (d->keys[j] == key)
			return j;
	if (!add)
		return (size_t)-1;
	d->keys[j] = key;
	d->n++;
	return j;
}

/* ---- the perceptron ---- */

#define L COLO_REFS_L
#define T_ROWS (L + 1)

/* A record's features for one stage: indices into that stage's weights. */
typedef struct view {
	uint32_t *foff; /* n + 1 offsets into feat */
	uint32_t *feat;
} view;

typedef struct model_w {
	size_t nf;
	double *w, *u; /* nf x L; after finish() w holds the average */
	double tw[T_ROWS * L], tu[T_ROWS * L];
	double c;
} model_w;

static void model_init(model_w *m, size_t nf)
{
	memset(m, 0, sizeof *m);
	m->nf = nf;
	m->w = colo_xcalloc(nf * L + 1, sizeof *m->w);
	m->u = colo_xcalloc(nf * L + 1, sizeof *m->u);
	m->c = 1;
}

static void model_cleanup(model_w *m)
{
	free(m->w);
	free(m->u);
	m->w = m->u = NULL;
}

/* Replaces the weights by their average over every step. */
static void finish(model_w *m)
{
	size_t k;

	for (k = 0; k < m->nf * L; k++)
		m->w[k] -= m->u[k] / m->c;
	for (k = 0; k < T_ROWS * L; k++)
		m->tw[k] -= m->tu[k] / m->c;
}

static void upd(double *w, double *u, size_t k, double d, double c)
{
	w[k] += d;
	u[k] += c * d;
}

static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* Scratch for decoding the longest record. */
typedef struct scratch {
	float *emit;
	unsigned char *bp, *pred, *keep;
	float trans[T_ROWS * L];
} scratch;

static void scores(const model_w *m, const view *v, size_t n,
                   const unsigned char *keep, float *emit)
{
	size_t i, l;
	uint32_t p;

	for (i = 0; i < n; i++) {
		double acc[L] = {0};
		for (p = v->foff[i]; p < v->foff[i + 1]; p++) {
			const double *row = m->w + (size_t)v->feat[p] * L;
			if (keep && !keep[p])
				continue;
			for (l = 0; l < L; l++)
				acc[l] += row[l];
		}
		for (l = 0; l < L; l++)
			emit[i * L + l] = (float)acc[l];
	}
}

/* One perceptron step on one record.  With dropout, each feature of each
 * token is left out of this step with that probability (the same features
 * for scoring and for the update), so no single cue carries a label. */
static void train_one(model_w *m, const rec *r, const view *v, scratch *x,
                      double dropout, uint64_t *rng)
{
	size_t i, l;
	uint32_t p;
	uint64_t cut = (uint64_t)(dropout * 18446744073709551615.0);

	for (p = 0; p < v->foff[r->n]; p++)
		x->keep[p] = dropout <= 0 || rng_next(rng) >= cut;
	scores(m, v, r->n, x->keep, x->emit);
	for (l = 0; l < T_ROWS * L; l++)
		x->trans[l] = (float)m->tw[l];
	colo_refs_viterbi(x->emit, x->trans, r->n, x->bp, x->pred);
	for (i = 0; i < r->n; i++) {
		unsigned g = r->gold[i], q = x->pred[i];
		unsigned gp = i ? r->gold[i - 1] : L, qp = i ? x->pred[i - 1] : L;
		if (g != q) {
			for (p = v->foff[i]; p < v->foff[i + 1]; p++) {
				size_t row = (size_t)v->feat[p] * L;
				if (!x->keep[p])
					continue;
				upd(m->w, m->u, row + g, 1, m->c);
				upd(m->w, m->u, row + q, -1, m->c);
			}
		}
		if (g != q || gp != qp) {
			upd(m->tw, m->tu, gp * L + g, 1, m->c);
			upd(m->tw, m->tu, qp * L + q, -1, m->c);
		}
	}
	m->c += 1;
}

/* Trains m on the records idx[0..nidx) through their views vs, then
 * averages it. */
static void perceptron(model_w *m, const recs *rs, const view *vs,
                       size_t *idx, size_t nidx, const opts *o, scratch *x)
{
	uint64_t rng = o->seed ? o->seed : 1;
	size_t i;
	int e;

	for (e = 0; e < o->epochs; e++) {
		for (i = nidx; i > 1; i--) {
			size_t j = (size_t)(rng_next(&rng) % i), tmp = idx[i - 1];
			idx[i - 1] = idx[j];
			idx[j] = tmp;
		}
		for (i = 0; i < nidx; i++)
			train_one(m, &rs->r[idx[i]], &vs[idx[i]], x, o->dropout,
			          &rng);
	}
	finish(m);
}

/* Labels one record with a finished model. */
static void predict(const model_w *m, const rec *r, const view *v,
                    scratch *x, unsigned char *out)
{
	size_t l;

	scores(m, v, r->n, NULL, x->emit);
	for (l = 0; l < T_ROWS * L; l++)
		x->trans[l] = (float)m->tw[l];
	colo_refs_viterbi(x->emit, x->trans, r->n, x->bp, out);
}

typedef struct outfeat {
	uint64_t key;
	uint32_t idx;
} outfeat;

static int outfeat_cmp(const void *a, const void *b)
{
	const outfeat *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

static bool kept_weight(double a, const opts *o)
{
	return fabs(a) >= o->prune && lround(a * o->scale) != 0;
}

/* Writes one stage: labels, transitions, the features that keep a weight
 * (in key order, so the same training gives the same file). */
static void write_stage(FILE *f, const model_w *m, const fdict *d,
                        const opts *o, size_t *nfeat, size_t *npairs)
{
	outfeat *of = colo_xmalloc(sizeof *of * (m->nf + 1));
	size_t i, j, l, nout = 0;

	for (i = 0; i < d->cap; i++) {
		size_t k;
		if (!d->keys[i] || d->index[i] == UINT32_MAX)
			continue;
		k = d->index[i];
		for (l = 0; l < L; l++)
			if (kept_weight(m->w[k * L + l], o))
				break;
		if (l == L)
			continue;
		of[nout].key = d->keys[i];
		of[nout].idx = (uint32_t)k;
		nout++;
	}
	qsort(of, nout, sizeof *of, outfeat_cmp);
	fprintf(f, "labels");
	for (l = 0; l < L; l++)
		fprintf(f, " %s", colo_ref_label_name((colo_ref_label)l));
	fprintf(f, "\nfeatures %zu\n", nout);
	for (i = 0; i < T_ROWS; i++) {
		fprintf(f, "t %s", i == L ? "start"
		                          : colo_ref_label_name((colo_ref_label)i));
		for (l = 0; l < L; l++)
			fprintf(f, " %ld", lround(m->tw[i * L + l] * o->scale));
		fprintf(f, "\n");
	}
	for (j = 0; j < nout; j++) {
		size_t k = of[j].idx;
		fprintf(f, "f %llx", (unsigned long long)of[j].key);
		for (l = 0; l < L; l++) {
			double a = m->w[k * L + l];
			if (!kept_weight(a, o))
				continue;
			fprintf(f, " %zu:%ld", l, lround(a * o->scale));
			(*npairs)++;
		}
		fprintf(f, "\n");
	}
	fprintf(f, "end\n");
	*nfeat += nout;
	free(of);
}

/* The feature hashes of every token of r for a stage (y1: the first
 * stage's labels for the second, NULL for the first) go to fn. */
typedef void (*feat_fn)(void *ctx, uint64_t key, size_t tok);

static void each_feature(const rec *r, const unsigned char *y1, feat_fn fn,
                         void *ctx)
{
	uint64_t feats[COLO_REFS_MAXFEAT + COLO_REFS_MAXSTACK];
	colo_refs_stack st;
	size_t k, f, nf;

	if (y1)
		colo_refs_stack_init(&st, y1, r->n);
	for (k = 0; k < r->n; k++) {
		nf = colo_refs_features(r->t, r->n, k, feats);
		if (y1)
			nf += colo_refs_stack_features(r->t, r->n, k, &st,
			                               feats + nf);
		for (f = 0; f < nf; f++)
			fn(ctx, feats[f], k);
	}
	if (y1)
		colo_refs_stack_cleanup(&st);
}

static void count_one(void *ctx, uint64_t key, size_t tok)
{
	fdict *d = ctx;
	size_t s = fd_find(d, key, true); /* may move d->count */

	(void)tok;
	d->count[s]++;
}

typedef struct build_ctx {
	fdict *d;
	view *v;
	size_t used, cap, cur;
} build_ctx;

static void build_one(void *ctx, uint64_t key, size_t tok)
{
	build_ctx *b = ctx;
	size_t s = fd_find(b->d, key, false);

	while (b->cur < tok + 1)
		b->v->foff[b->cur++] = (uint32_t)b->used;
	if (s == (size_t)-1 || b->d->index[s] == UINT32_MAX)
		return;
	colo_grow((void **)&b->v->feat, &b->cap, b->used + 1,
	          sizeof *b->v->feat);
	b->v->feat[b->used++] = b->d->index[s];
}

/* Counts the stage's features over the training records, numbers the
 * frequent ones and gives every record its view.  y1s: per record first-
 * stage labels (NULL for the first stage).  Returns how many were kept. */
static size_t build_views(const recs *rs, unsigned char **y1s, fdict *d,
                          view *vs, const opts *o)
{
	size_t i, nf = 0;

	for (i = 0; i < rs->n; i++)
		if (!rs->r[i].held)
			each_feature(&rs->r[i], y1s ? y1s[i] : NULL, count_one, d);
	for (i = 0; i < d->cap; i++) {
		if (!d->keys[i])
			continue;
		d->index[i] = d->count[i] >= o->min_count ? (uint32_t)nf++
		                                         : UINT32_MAX;
	}
	for (i = 0; i < rs->n; i++) {
		const rec *r = &rs->r[i];
		build_ctx b = {d, &vs[i], 0, 0, 0};
		vs[i].foff = colo_xmalloc(sizeof *vs[i].foff * (r->n + 1));
		vs[i].feat = NULL;
		each_feature(r, y1s ? y1s[i] : NULL, build_one, &b);
		while (b.cur <= r->n)
			vs[i].foff[b.cur++] = (uint32_t)b.used;
	}
	return nf;
}

static void views_free(view *vs, size_t n)
{
	size_t i;

	for (i = 0; vs && i < n; i++) {
		free(vs[i].foff);
		free(vs[i].feat);
	}
	free(vs);
}

static void fdict_free(fdict *d)
{
	free(d->keys);
	free(d->count);
	free(d->index);
}

/* Token accuracy of a finished model on the held-out records. */
static double held_accuracy(const model_w *m, const recs *rs, const view *vs,
                            scratch *x)
{
	size_t i, k, right = 0, all = 0;

	for (i = 0; i < rs->n; i++) {
		const rec *r = &rs->r[i];
		if (!r->held || !r->n)
			continue;
		predict(m, r, &vs[i], x, x->pred);
		for (k = 0; k < r->n; k++) {
			right += x->pred[k] == r->gold[k];
			all++;
		}
	}
	return all ? (double)right / (double)all : 0;
}

static double secs_since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* Stage one on every training record; with --stages 2, stage one again on
 * --folds parts of them in turn, each labelling the part it did not see
 * (so the second stage learns from labels as wrong as they will be on new
 * input), then stage two on the records and those labels. */
static int train(recs *rs, const opts *o)
{
	fdict d1 = {NULL, NULL, NULL, 0, 0}, d2 = {NULL, NULL, NULL, 0, 0};
	view *v1 = colo_xcalloc(rs->n + 1, sizeof *v1), *v2 = NULL;
	unsigned char **y1s = NULL;
	model_w m1, m2;
	scratch x;
	size_t i, nf1, nf2, maxn = 1, nidx = 0, nheld = 0;
	size_t *idx = colo_xmalloc(sizeof *idx * (rs->n + 1));
	size_t nfeat = 0, npairs = 0;
	clock_t t0 = clock();
	FILE *f = NULL;
	unsigned fold;
	int rc = 1;

	memset(&m1, 0, sizeof m1);
	memset(&m2, 0, sizeof m2);
	nf1 = build_views(rs, NULL, &d1, v1, o);
	for (i = 0; i < rs->n; i++) {
		const rec *r = &rs->r[i];
		if (r->n > maxn)
			maxn = r->n;
		if (r->held)
			nheld++;
		else if (r->n)
			idx[nidx++] = i;
	}
	x.emit = colo_xmalloc(sizeof *x.emit * maxn * L);
	x.bp = colo_xmalloc(maxn * L);
	x.pred = colo_xmalloc(maxn);
	x.keep = colo_xmalloc(maxn * (COLO_REFS_MAXFEAT + COLO_REFS_MAXSTACK));
	if (!o->quiet)
		fprintf(stderr,
		        "records: %zu training, %zu held out; stage 1 features: "
		        "%zu seen, %zu kept (count >= %u)\n",
		        rs->n - nheld, nheld, d1.n, nf1, o->min_count);
	model_init(&m1, nf1);
	perceptron(&m1, rs, v1, idx, nidx, o, &x);
	if (!o->quiet)
		fprintf(stderr, "stage 1: %.1f s; held-out token accuracy %.4f\n",
		        secs_since(t0), held_accuracy(&m1, rs, v1, &x));

	if (o->stages > 1) {
		y1s = colo_xcalloc(rs->n + 1, sizeof *y1s);
		for (i = 0; i < rs->n; i++)
			y1s[i] = colo_xcalloc(rs->r[i].n + 1, 1);
		for (i = 0; i < rs->n; i++)
			if (rs->r[i].held)
				predict(&m1, &rs->r[i], &v1[i], &x, y1s[i]);
		for (fold = 0; fold < o->folds; fold++) {
			size_t *part = colo_xmalloc(sizeof *part * (nidx + 1));
			size_t np = 0;
			model_w mf;
			for (i = 0; i < nidx; i++)
				if ((id_hash(rs->r[idx[i]].id) >> 8) % o->folds !=
				    fold)
					part[np++] = idx[i];
			model_init(&mf, nf1);
			perceptron(&mf, rs, v1, part, np, o, &x);
			for (i = 0; i < nidx; i++)
				if ((id_hash(rs->r[idx[i]].id) >> 8) % o->folds ==
				    fold)
					predict(&mf, &rs->r[idx[i]], &v1[idx[i]],
					        &x, y1s[idx[i]]);
			model_cleanup(&mf);
			free(part);
		}
		v2 = colo_xcalloc(rs->n + 1, sizeof *v2);
		nf2 = build_views(rs, y1s, &d2, v2, o);
		if (!o->quiet)
			fprintf(stderr, "stage 2 features: %zu seen, %zu kept\n",
			        d2.n, nf2);
		model_init(&m2, nf2);
		perceptron(&m2, rs, v2, idx, nidx, o, &x);
		if (!o->quiet)
			fprintf(stderr,
			        "stage 2: %.1f s; held-out token accuracy %.4f\n",
			        secs_since(t0), held_accuracy(&m2, rs, v2, &x));
	}

	f = fopen(o->out, "w");
	if (!f) {
		fprintf(stderr, "colophon-refs-train: %s: cannot write\n",
		        o->out);
		goto done;
	}
	fprintf(f, "colophon-refs-model 1\n");
	fprintf(f, "# averaged perceptron weights x %g; see docs/REFS_MODEL.md\n",
	        o->scale);
	write_stage(f, &m1, &d1, o, &nfeat, &npairs);
	if (o->stages > 1) {
		fprintf(f, "stage2\n");
		write_stage(f, &m2, &d2, o, &nfeat, &npairs);
	}
	if (fclose(f) != 0) {
		f = NULL;
		fprintf(stderr, "colophon-refs-train: %s: write error\n", o->out);
		goto done;
	}
	f = NULL;
	if (!o->quiet)
		fprintf(stderr, "wrote %s: %zu features, %zu weights; %.1f s\n",
		        o->out, nfeat, npairs, secs_since(t0));
	rc = 0;
done:
	if (f)
		fclose(f);
	for (i = 0; y1s && i < rs->n; i++)
		free(y1s[i]);
	free(y1s);
	model_cleanup(&m1);
	model_cleanup(&m2);
	views_free(v1, rs->n);
	views_free(v2, rs->n);
	fdict_free(&d1);
	fdict_free(&d2);
	free(x.emit);
	free(x.bp);
	free(x.pred);
	free(x.keep);
	free(idx);
	return rc;
}

/* ---- labelling ---- */

static int label_all(const recs *rs, const opts *o)
{
	size_t len = 0, i, k;
	char *data = colo_read_file(o->model, &len);
	colo_ref_model *m = NULL;
	colo_error err;
	int rc = 1;

	if (!data) {
		fprintf(stderr, "colophon-refs-train: %s: cannot read: %s\n",
		        o->model, strerror(errno));
		return 1;
	}
	if (!colo_ref_model_load(data, len, &m, &err)) {
		fprintf(stderr, "colophon-refs-train: %s:%u: %s\n", o->model,
		        err.line, err.message);
		goto done;
	}
	for (i = 0; i < rs->n; i++) {
		const rec *r = &rs->r[i];
		colo_ref_segment *segs = NULL;
		size_t nsegs = 0;
		json_t *obj, *arr;
		char *line;

		if (o->holdout > 1 && !r->held)
			continue;
		if (!colo_ref_label_string(m, r->text, r->len, &segs, &nsegs,
		                           &err)) {
			fprintf(stderr, "colophon-refs-train: %s: %s\n", r->id,
			        err.message);
			continue;
		}
		arr = json_array();
		for (k = 0; k < nsegs; k++) {
			if (segs[k].label == COLO_REF_NONE)
				continue;
			json_array_append_new(
				arr,
				json_pack("[ss#]",
				          colo_ref_label_name(segs[k].label),
				          r->text + segs[k].start,
				          (size_t)(segs[k].end - segs[k].start)));
		}
		obj = json_pack("{s:s, s:o}", "id", r->id, "segments", arr);
		line = json_dumps(obj, JSON_COMPACT);
		if (line)
			printf("%s\n", line);
		free(line);
		json_decref(obj);
		free(segs);
	}
	rc = 0;
done:
	colo_ref_model_destroy(m);
	free(data);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: colophon-refs-train [--epochs N] [--holdout K] "
	        "[--seed S] [--min-count C]\n"
	        "                           [--prune W] [--scale X] [--dropout P] "
	        "[--stages 1|2]\n"
	        "                           [--folds F] -o MODEL FILE.jsonl...\n"
	        "       colophon-refs-train --label --model MODEL [--holdout K] "
	        "FILE.jsonl...\n");
}

static bool num_arg(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	opts o = {30, 0, 20261128, 3, 4, 10, 0.1, 2, 5, NULL, NULL, false, false};
	recs rs = {NULL, 0, 0};
	unsigned long unfound = 0;
	int i, rc = 2, nfiles = 0;
	size_t k;
	double v;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has = i + 1 < argc;
		if (strcmp(a, "--epochs") == 0 && has &&
		    num_arg(argv[i + 1], 1, 1000, &v)) {
			o.epochs = (int)v;
			i++;
		} else if (strcmp(a, "--holdout") == 0 && has &&
		           num_arg(argv[i + 1], 0, 1e6, &v)) {
			o.holdout = (unsigned)v;
			i++;
		} else if (strcmp(a, "--seed") == 0 && has &&
		           num_arg(argv[i + 1], 1, 1e15, &v)) {
			o.seed = (uint64_t)v;
			i++;
		} else if (strcmp(a, "--min-count") == 0 && has &&
		           num_arg(argv[i + 1], 1, 1e6, &v)) {
			o.min_count = (unsigned)v;
			i++;
		} else if (strcmp(a, "--prune") == 0 && has &&
		           num_arg(argv[i + 1], 0, 1e6, &v)) {
			o.prune = v;
			i++;
		} else if (strcmp(a, "--scale") == 0 && has &&
		           num_arg(argv[i + 1], 0.001, 1e6, &v)) {
			o.scale = v;
			i++;
		} else if (strcmp(a, "--dropout") == 0 && has &&
		           num_arg(argv[i + 1], 0, 0.9, &v)) {
			o.dropout = v;
			i++;
		} else if (strcmp(a, "--stages") == 0 && has &&
		           num_arg(argv[i + 1], 1, 2, &v)) {
			o.stages = (unsigned)v;
			i++;
		} else if (strcmp(a, "--folds") == 0 && has &&
		           num_arg(argv[i + 1], 2, 50, &v)) {
			o.folds = (unsigned)v;
			i++;
		} else if (strcmp(a, "-o") == 0 && has) {
			o.out = argv[++i];
		} else if (strcmp(a, "--model") == 0 && has) {
			o.model = argv[++i];
		} else if (strcmp(a, "--label") == 0) {
			o.label = true;
		} else if (strcmp(a, "--quiet") == 0) {
			o.quiet = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			usage(stderr);
			return 2;
		} else {
			nfiles++;
		}
	}
	if (!nfiles || (o.label ? !o.model : !o.out)) {
		usage(stderr);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-o") == 0 || strcmp(a, "--model") == 0 ||
		    strcmp(a, "--epochs") == 0 || strcmp(a, "--holdout") == 0 ||
		    strcmp(a, "--seed") == 0 || strcmp(a, "--min-count") == 0 ||
		    strcmp(a, "--prune") == 0 || strcmp(a, "--scale") == 0 ||
		    strcmp(a, "--dropout") == 0 || strcmp(a, "--stages") == 0 ||
		    strcmp(a, "--folds") == 0) {
			i++;
			continue;
		}
		if (a[0] == '-' && a[1])
			continue;
		if (!read_file(a, &rs, &o, &unfound)) {
			rc = 1;
			goto done;
		}
	}
	if (unfound && !o.quiet && !o.label)
		fprintf(stderr, "%lu pieces not found in their text (skipped)\n",
		        unfound);
	rc = o.label ? label_all(&rs, &o) : train(&rs, &o);
done:
	for (k = 0; k < rs.n; k++)
		rec_free(&rs.r[k]);
	free(rs.r);
	return rc;
}
