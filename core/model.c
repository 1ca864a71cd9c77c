/* model.c - the record model's containers and dedup keys.
 *
 * Nothing here talks to the store or parses input: it owns memory and
 * computes keys from a record's own fields (docs/SCHEMA.md). */
#include "colophon/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"

void colo_batch_init(colo_batch *b)
{
	memset(b, 0, sizeof *b);
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void colo_person_cleanup(colo_person *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->key);
	colo_name_cleanup(&p->name);
	free(p->honorific);
	free(p->orcid);
	free_strv(p->variants, p->nvariants);
	for (size_t i = 0; i < p->ndegrees; i++) {
		free(p->degrees[i].degree);
		free(p->degrees[i].degree_norm);
		free(p->degrees[i].field);
		free(p->degrees[i].institution);
	}
	free(p->degrees);
	for (size_t i = 0; i < p->naffiliations; i++) {
		free(p->affiliations[i].org);
		free(p->affiliations[i].role);
	}
	free(p->affiliations);
	for (size_t i = 0; i < p->nroles; i++) {
		free(p->roles[i].role);
		free(p->roles[i].org);
	}
	free(p->roles);
	memset(p, 0, sizeof *p);
}

void colo_work_init(colo_work *w)
{
	memset(w, 0, sizeof *w);
	w->venue = -1;
}

void colo_work_cleanup(colo_work *w)
{
	if (!w)
		return;
	free(w->id);
	free(w->key);
	free(w->citekey);
	free(w->type);
	free(w->title);
	free(w->subtitle);
	for (size_t i = 0; i < w->ncreators; i++) {
		colo_name_cleanup(&w->creators[i].name);
		free(w->creators[i].person_id);
	}
	free(w->creators);
	free(w->publisher);
	free(w->place);
	free(w->container);
	free(w->venue_id);
	free(w->volume);
	free(w->issue);
	free(w->pages);
	free(w->edition);
	free(w->doi);
	free(w->isbn);
	free(w->issn);
	free(w->url);
	free(w->note);
	free(w->title_markup);
	free(w->genre);
	free(w->series);
	free(w->abstract);
	free(w->language);
	free(w->archive);
	free(w->eprint);
	free(w->crossref);
	free_strv(w->keywords, w->nkeywords);
	free(w->kwindex);
	for (size_t i = 0; i < w->nalts; i++) {
		free(w->alts[i].field);
		free(w->alts[i].value);
		free(w->alts[i].source);
	}
	free(w->alts);
	memset(w, 0, sizeof *w);
	w->venue = -1;
}

void colo_venue_cleanup(colo_venue *v)
{
	if (!v)
		return;
	free(v->id);
	free(v->key);
	free(v->name);
	free(v->kind);
	free(v->edition);
	free_strv(v->aliases, v->naliases);
	free(v->issn);
	free(v->url);
	memset(v, 0, sizeof *v);
}

void colo_batch_cleanup(colo_batch *b)
{
	if (!b)
		return;
	free(b->source.id);
	free(b->source.kind);
	free(b->source.origin);
	free(b->source.importer);
	for (size_t i = 0; i < b->ndiags; i++)
		free(b->diags[i].message);
	free(b->diags);
	for (size_t i = 0; i < b->npeople; i++)
		colo_person_cleanup(&b->people[i]);
	free(b->people);
	for (size_t i = 0; i < b->nworks; i++)
		colo_work_cleanup(&b->works[i]);
	free(b->works);
	for (size_t i = 0; i < b->nvenues; i++)
		colo_venue_cleanup(&b->venues[i]);
	free(b->venues);
	for (size_t i = 0; i < b->nlinks; i++) {
		free(b->links[i].relation);
		free(b->links[i].role);
	}
	free(b->links);
	free(b->preamble);
	memset(b, 0, sizeof *b);
}

#define PUSH(arr, n, cap)                                                   \
	(colo_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr)),          \
	 memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

long colo_batch_add_person(colo_batch *b)
{
	PUSH(b->people, b->npeople, b->cappeople);
	return (long)b->npeople - 1;
}

long colo_batch_add_work(colo_batch *b)
{
	colo_work *w = PUSH(b->works, b->nworks, b->capworks);

	w->venue = -1;
	return (long)b->nworks - 1;
}

long colo_batch_add_venue(colo_batch *b)
{
	PUSH(b->venues, b->nvenues, b->capvenues);
	return (long)b->nvenues - 1;
}

long colo_batch_add_link(colo_batch *b, colo_kind from_kind, long from,
                         colo_kind to_kind, long to, const char *relation)
{
	colo_link *l = PUSH(b->links, b->nlinks, b->caplinks);

	l->from_kind = from_kind;
	l->from = from;
	l->to_kind = to_kind;
	l->to = to;
	l->relation = colo_xstrdup(relation);
	l->confidence = 1.0;
	return (long)b->nlinks - 1;
}

void colo_batch_diag(colo_batch *b, unsigned line, unsigned col,
                     const char *fmt, ...)
{
	colo_diag *d = PUSH(b->diags, b->ndiags, b->capdiags);
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	d->line = line;
	d->col = col;
	d->message = colo_xstrdup(msg);
	b->skipped++;
}

long colo_batch_intern_venue(colo_batch *b, const char *name, const char *kind)
{
	colo_venue probe;
	char *key;
	long idx;

	memset(&probe, 0, sizeof probe);
	probe.name = (char *)name;
	key = colo_venue_key(&probe);
	for (size_t i = 0; i < b->nvenues; i++) {
		char *other = b->venues[i].key ? NULL
		                                : colo_venue_key(&b->venues[i]);
		const char *k = b->venues[i].key ? b->venues[i].key : other;
		bool same = strcmp(k, key) == 0;

		free(other);
		if (same) {
			free(key);
			return (long)i;
		}
	}
	idx = colo_batch_add_venue(b);
	b->venues[idx].name = colo_xstrdup(name);
	b->venues[idx].kind = colo_xstrdup(kind);
	b->venues[idx].key = key;
	return idx;
}

colo_degree *colo_person_add_degree(colo_person *p)
{
	return PUSH(p->degrees, p->ndegrees, p->capdegrees);
}

colo_affiliation *colo_person_add_affiliation(colo_person *p)
{
	return PUSH(p->affiliations, p->naffiliations, p->capaffiliations);
}

colo_role *colo_person_add_role(colo_person *p)
{
	colo_role *r = PUSH(p->roles, p->nroles, p->caproles);

	r->venue = -1;
	return r;
}

static bool strv_has(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

void colo_person_add_variant(colo_person *p, const char *variant)
{
	char **slot;

	if (!variant || strv_has(p->variants, p->nvariants, variant))
		return;
	slot = PUSH(p->variants, p->nvariants, p->capvariants);
	*slot = colo_xstrdup(variant);
}

colo_creator *colo_work_add_creator(colo_work *w, colo_creator_role role)
{
	colo_creator *c = PUSH(w->creators, w->ncreators, w->capcreators);

	c->role = role;
	c->person = -1;
	return c;
}

void colo_venue_add_alias(colo_venue *v, const char *alias)
{
	char **slot;

	if (!alias || strv_has(v->aliases, v->naliases, alias))
		return;
	slot = PUSH(v->aliases, v->naliases, v->capaliases);
	*slot = colo_xstrdup(alias);
}

/* ---- dedup keys ---------------------------------------------------- */

static char *digits_only(const char *s, bool allow_x)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	for (; *s; s++) {
		if ((*s >= '0' && *s <= '9') || (allow_x && (*s == 'x' || *s == 'X')))
			colo_buf_putc(&b, *s == 'x' ? 'X' : *s);
	}
	return colo_buf_steal(&b);
}

char *colo_person_key(const colo_person *p)
{
	if (p->orcid && *p->orcid) {
		char *d = digits_only(p->orcid, true);
		colo_buf b;

		colo_buf_init(&b, 0);
		colo_buf_printf(&b, "orcid:%s", d);
		free(d);
		return colo_buf_steal(&b);
	}
	return colo_name_key(&p->name);
}

/* ISBN-10 → ISBN-13 (978 prefix, new check digit); other lengths kept. */
static char *isbn13(const char *isbn);

char *colo_isbn13(const char *isbn)
{
	return isbn13(isbn ? isbn : "");
}

static char *isbn13(const char *isbn)
{
	char *d = digits_only(isbn, true);
	size_t n = strlen(d);

	if (n == 10) {
		char out[14];
		int sum = 0;

		memcpy(out, "978", 3);
		memcpy(out + 3, d, 9);
		for (int i = 0; i < 12; i++)
			sum += (out[i] - '0') * (i % 2 ? 3 : 1);
		out[12] = (char)('0' + (10 - sum % 10) % 10);
		out[13] = '\0';
		free(d);
		return colo_xstrdup(out);
	}
	return d;
}

static const char *first_family(const colo_work *w)
{
	for (size_t i = 0; i < w->ncreators; i++) {
		const colo_name *n = &w->creators[i].name;

		if (n->family)
			return n->family;
		if (n->literal)
			return n->literal;
	}
	return "";
}

char *colo_work_key(const colo_work *w)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	if (w->doi && *w->doi) {
		char *d = colo_text_fold(w->doi, strlen(w->doi));

		colo_buf_printf(&b, "doi:%s", d);
		free(d);
	} else if (w->isbn && *w->isbn) {
		char *d = isbn13(w->isbn);

		colo_buf_printf(&b, "isbn:%s", d);
		free(d);
	} else {
		const char *fam = first_family(w);
		char *t = colo_text_normkey(w->title ? w->title : "",
		                            w->title ? strlen(w->title) : 0);
		char *st = w->subtitle ? colo_text_normkey(w->subtitle,
		                                           strlen(w->subtitle))
		                       : NULL;
		char *f = colo_text_normkey(fam, strlen(fam));

		colo_buf_printf(&b, "t:%s%s%s|%d|%s", t, st && *st ? " " : "",
		                st ? st : "", w->year, f);
		/* A reference with no title ("A. Einstein, Ann. Phys. 17, 891
		 * (1905)") is told apart by where it appeared. */
		if (!*t && w->container && *w->container) {
			char *c = colo_text_normkey(w->container, strlen(w->container));
			size_t pl = w->pages ? strcspn(w->pages, "-\xe2") : 0;

			colo_buf_printf(&b, "|%s|%s|%.*s", c, w->volume ? w->volume : "",
			                (int)pl, pl ? w->pages : "");
			free(c);
		}
		free(t);
		free(st);
		free(f);
	}
	return colo_buf_steal(&b);
}

char *colo_venue_key(const colo_venue *v)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	if (v->issn && *v->issn) {
		char *d = digits_only(v->issn, true);

		colo_buf_printf(&b, "issn:%s", d);
		free(d);
	} else {
		const char *name = v->name ? v->name : "";
		char *n = colo_text_normkey(name, strlen(name));

		/* Spaces are dropped too, so "NationalSecurityJournal" (a site
		 * name run together) and "National Security Journal" are one
		 * venue. */
		colo_buf_puts(&b, "name:");
		for (const char *p = n; *p; p++)
			if (*p != ' ')
				colo_buf_putc(&b, *p);
		free(n);
	}
	return colo_buf_steal(&b);
}

void colo_batch_compute_keys(colo_batch *b)
{
	for (size_t i = 0; i < b->npeople; i++)
		if (!b->people[i].key)
			b->people[i].key = colo_person_key(&b->people[i]);
	for (size_t i = 0; i < b->nworks; i++)
		if (!b->works[i].key)
			b->works[i].key = colo_work_key(&b->works[i]);
	for (size_t i = 0; i < b->nvenues; i++)
		if (!b->venues[i].key)
			b->venues[i].key = colo_venue_key(&b->venues[i]);
}

static const char *const role_names[] = {"author", "editor", "translator"};

const char *colo_creator_role_name(colo_creator_role r)
{
	return (unsigned)r < 3 ? role_names[r] : "author";
}

bool colo_creator_role_parse(const char *s, colo_creator_role *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (colo_creator_role)i;
			return true;
		}
	return false;
}

/* ---- lists read from the store --------------------------------------- */

void colo_work_list_init(colo_work_list *l)
{
	memset(l, 0, sizeof *l);
}

void colo_work_list_cleanup(colo_work_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		colo_work_cleanup(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

colo_work *colo_work_list_push(colo_work_list *l)
{
	colo_work *w = PUSH(l->items, l->n, l->cap);

	w->venue = -1;
	return w;
}

void colo_person_list_init(colo_person_list *l)
{
	memset(l, 0, sizeof *l);
}

void colo_person_list_cleanup(colo_person_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		colo_person_cleanup(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

colo_person *colo_person_list_push(colo_person_list *l)
{
	return PUSH(l->items, l->n, l->cap);
}

/* ---- duplicate detection ------------------------------------------------ */

static bool has_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;

		for (; i < n && hay[i]; i++) {
			char c = hay[i];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c != needle[i])
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

bool colo_work_is_preprint(const colo_work *w)
{
	static const char *const servers[] = {
		"arxiv", "biorxiv", "medrxiv", "ssrn", "psyarxiv", "socarxiv",
		"osf preprints", "preprints.org", "research square", "techrxiv",
		"chemrxiv", "eartharxiv"};
	static const char *const prefixes[] = {"10.48550/", "10.1101/",
	                                       "10.2139/ssrn", "10.31234/",
	                                       "10.21203/rs.", "10.36227/techrxiv",
	                                       "10.26434/chemrxiv"};

	if (w->type && strcmp(w->type, "article") == 0 &&
	    (!w->container || !*w->container))
		return true;
	for (size_t i = 0; w->doi && i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(w->doi, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	for (size_t i = 0; i < sizeof servers / sizeof servers[0]; i++)
		if (has_ci(w->archive, servers[i]) || has_ci(w->container, servers[i]) ||
		    has_ci(w->publisher, servers[i]))
			return true;
	return has_ci(w->url, "arxiv.org/abs/") || has_ci(w->url, "biorxiv.org/") ||
	       has_ci(w->url, "ssrn.com/");
}

char *colo_work_title_norm(const colo_work *w)
{
	colo_buf b;
	char *out;

	if (!w->title || !*w->title)
		return colo_xstrdup("");
	colo_buf_init(&b, 0);
	colo_buf_puts(&b, w->title);
	if (w->subtitle && *w->subtitle)
		colo_buf_printf(&b, " %s", w->subtitle);
	out = colo_text_normkey(colo_buf_cstr(&b), b.len);
	colo_buf_cleanup(&b);
	return out;
}

char *colo_work_title_joined(const colo_work *w)
{
	colo_buf t;
	size_t n;
	const char *start = colo_text_trim(w->title, strlen(w->title), &n);
	char last = n ? start[n - 1] : 0;

	colo_buf_init(&t, 0);
	colo_buf_append(&t, start, n);
	colo_buf_puts(&t, last == '?' || last == '!' || last == ':' ? " " : ": ");
	colo_buf_puts(&t, w->subtitle);
	return colo_buf_steal(&t);
}

static bool same_folded(const char *a, const char *b)
{
	char *x = colo_text_fold(a, strlen(a)), *y = colo_text_fold(b, strlen(b));
	bool same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* First letter of a given name, folded ("Émile" -> "e"). */
static char *initial(const char *given)
{
	char *f = colo_text_fold(given, strlen(given));
	size_t n = 0;

	while (f[n] && !((f[n] >= 'a' && f[n] <= 'z') || (unsigned char)f[n] >= 0x80))
		n++;
	if (f[n]) {
		size_t len = 1;

		while (((unsigned char)f[n + len] & 0xC0) == 0x80)
			len++;
		memmove(f, f + n, len);
		f[len] = '\0';
	} else {
		f[0] = '\0';
	}
	return f;
}

static bool share_creator(const colo_work *a, const colo_work *b)
{
	if (!a->ncreators && !b->ncreators)
		return true;
	for (size_t i = 0; i < a->ncreators; i++) {
		char *fa = colo_name_family_norm(&a->creators[i].name);

		for (size_t j = 0; fa && *fa && j < b->ncreators; j++) {
			char *fb = colo_name_family_norm(&b->creators[j].name);
			bool ok = fb && strcmp(fa, fb) == 0;

			free(fb);
			if (ok && a->creators[i].name.given && b->creators[j].name.given) {
				char *ia = initial(a->creators[i].name.given);
				char *ib = initial(b->creators[j].name.given);

				ok = strcmp(ia, ib) == 0;
				free(ia);
				free(ib);
			}
			if (ok) {
				free(fa);
				return true;
			}
		}
		free(fa);
	}
	return false;
}

colo_dup colo_work_duplicate(const colo_work *a, const colo_work *b)
{
	bool pa, pb;

	if (a->doi && *a->doi && b->doi && *b->doi) {
		if (same_folded(a->doi, b->doi))
			return COLO_DUP_SAME;
		/* Different DOIs: different works, unless one is the preprint
		 * of the other (they always have different DOIs). */
		if (colo_work_is_preprint(a) == colo_work_is_preprint(b))
			return COLO_DUP_NO;
	}
	if (a->isbn && *a->isbn && b->isbn && *b->isbn) {
		char *x = isbn13(a->isbn), *y = isbn13(b->isbn);
		bool same = strcmp(x, y) == 0;

		free(x);
		free(y);
		if (same)
			return COLO_DUP_SAME;
		return COLO_DUP_NO;
	}
	{
		char *ta = colo_work_title_norm(a), *tb = colo_work_title_norm(b);
		bool same = *ta && strcmp(ta, tb) == 0;

		free(ta);
		free(tb);
		if (!same)
			return COLO_DUP_NO;
	}
	pa = colo_work_is_preprint(a);
	pb = colo_work_is_preprint(b);
	{
		/* Years within one; a preprint may precede its journal
		 * version by up to three. */
		int slack = pa != pb ? 3 : 1;

		if (a->year && b->year &&
		    (a->year - b->year > slack || b->year - a->year > slack))
			return COLO_DUP_NO;
	}
	if (!share_creator(a, b))
		return COLO_DUP_NO;
	return pa != pb ? COLO_DUP_VERSION : COLO_DUP_SAME;
}

/* ---- people for creators --------------------------------------------- */

typedef struct pslot {
	char *key; /* borrowed from the person */
	long idx;
} pslot;

static size_t str_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

void colo_batch_add_creator_people(colo_batch *b)
{
	size_t cap = 1024, n = 0;
	pslot *tab = colo_xcalloc(cap, sizeof *tab);

	for (size_t i = 0; i < b->npeople; i++)
		if (!b->people[i].key)
			b->people[i].key = colo_person_key(&b->people[i]);
	for (size_t i = 0; i < b->nworks; i++) {
		for (size_t j = 0; j < b->works[i].ncreators; j++) {
			colo_creator *c = &b->works[i].creators[j];
			char *key;
			size_t h;
			long idx = -1;

			if (c->person >= 0 || !c->name.family || !*c->name.family)
				continue;
			key = colo_name_key(&c->name);
			for (h = str_hash(key) & (cap - 1); tab[h].key;
			     h = (h + 1) & (cap - 1))
				if (strcmp(tab[h].key, key) == 0) {
					idx = tab[h].idx;
					break;
				}
			if (idx < 0) {
				colo_person *p;

				idx = colo_batch_add_person(b);
				p = &b->people[idx];
				colo_name_copy(&p->name, &c->name);
				p->key = key;
				key = NULL;
				tab[h].key = p->key;
				tab[h].idx = idx;
				if (++n * 2 > cap) {
					size_t ncap = cap * 2;
					pslot *nt = colo_xcalloc(ncap, sizeof *nt);

					for (size_t k = 0; k < cap; k++) {
						size_t g;

						if (!tab[k].key)
							continue;
						for (g = str_hash(tab[k].key) & (ncap - 1); nt[g].key;
						     g = (g + 1) & (ncap - 1))
							;
						nt[g] = tab[k];
					}
					free(tab);
					tab = nt;
					cap = ncap;
				}
			}
			free(key);
			c->person = idx;
		}
	}
	free(tab);
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* Whether w has keyword k: a scan while there are few, then an
 * open-addressing table (a work read from a file with a thousand
 * keywords must not cost a million comparisons). */
static bool has_keyword(colo_work *w, const char *k)
{
	size_t mask, h;

	if (w->nkeywords <= 16)
		return strv_has(w->keywords, w->nkeywords, k);
	if (w->capkwindex < 2 * (w->nkeywords + 1)) {
		size_t cap = 64;

		while (cap < 4 * (w->nkeywords + 1))
			cap *= 2;
		free(w->kwindex);
		w->kwindex = colo_xcalloc(cap, sizeof *w->kwindex);
		w->capkwindex = cap;
		for (size_t i = 0; i < w->nkeywords; i++) {
			for (h = str_hash(w->keywords[i]) & (cap - 1); w->kwindex[h];
			     h = (h + 1) & (cap - 1))
				;
			w->kwindex[h] = i + 1;
		}
	}
	mask = w->capkwindex - 1;
	for (h = str_hash(k) & mask; w->kwindex[h]; h = (h + 1) & mask)
		if (strcmp(w->keywords[w->kwindex[h] - 1], k) == 0)
			return true;
	return false;
}

/* Records keyword number i (just added) in the table, if there is one. */
static void index_keyword(colo_work *w, size_t i)
{
	size_t mask, h;

	if (!w->kwindex || w->capkwindex < 2 * (w->nkeywords + 1))
		return; /* none yet, or has_keyword rebuilds it next time */
	mask = w->capkwindex - 1;
	for (h = str_hash(w->keywords[i]) & mask; w->kwindex[h]; h = (h + 1) & mask)
		;
	w->kwindex[h] = i + 1;
}

bool colo_work_add_keyword(colo_work *w, const char *s, size_t len)
{
	colo_buf b;
	char **slot;

	if (!s || w->nkeywords >= COLO_MAX_KEYWORDS)
		return false;
	colo_buf_init(&b, 0);
	for (size_t i = 0; i < len; i++) {
		if (!is_ws(s[i])) {
			colo_buf_putc(&b, s[i]);
			continue;
		}
		while (i + 1 < len && is_ws(s[i + 1]))
			i++;
		if (b.len && i + 1 < len)
			colo_buf_putc(&b, ' ');
	}
	if (!b.len || memchr(b.data, '\0', b.len) ||
	    has_keyword(w, colo_buf_cstr(&b))) {
		colo_buf_cleanup(&b);
		return false;
	}
	slot = PUSH(w->keywords, w->nkeywords, w->capkeywords);
	*slot = colo_buf_steal(&b);
	index_keyword(w, w->nkeywords - 1);
	return true;
}

void colo_work_add_keywords(colo_work *w, const char *s, size_t len,
                            const char *seps)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++)
		if (i == len || (s[i] && strchr(seps, s[i]))) {
			colo_work_add_keyword(w, s + start, i - start);
			start = i + 1;
		}
}

void colo_work_add_alternative(colo_work *w, const char *field,
                               const char *value, const char *source)
{
	colo_alternative *a = PUSH(w->alts, w->nalts, w->capalts);

	a->field = colo_xstrdup(field);
	a->value = colo_xstrdup(value);
	a->source = colo_xstrdup(source);
}
