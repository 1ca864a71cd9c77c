/* orcid.c - the ORCID public API v3.0 reader (see orcid_api.h): a
 * person's name, the put-codes of their work summaries, and full works
 * from the bulk endpoint, as a batch.
 *
 * Fields read from a work: title and subtitle, type (mapped to CSL),
 * publication-date, external-ids (DOI, ISBN, ISSN with relationship
 * "self", or "part-of" for an ISSN), journal-title, url, contributors
 * (credit-name, contributor-orcid, role) and, from a BibTeX citation,
 * volume, issue, pages and publisher.  Not read: short-description,
 * language, country, funding and the rest of the record. */
#include "colophon/orcid_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/orcid.h"
#include "colophon/text.h"
#include "formats_priv.h"
#include "service_priv.h"

static json_t *load(const char *data, size_t len, const char *what,
                    colo_error *err)
{
	return colo_service_load_object("ORCID", what, data, len, err);
}

/* obj[k1][k2]... as an object member chain; NULL when any link is missing. */
static json_t *dig(json_t *v, const char *k1, const char *k2)
{
	v = json_object_get(v, k1);
	return k2 ? json_object_get(v, k2) : v;
}

/* A trimmed string (or integer) value; NULL when absent or empty.  ORCID
 * wraps most strings as {"value": "..."}: those are unwrapped. */
static char *str(json_t *v)
{
	char num[32];
	const char *s;
	size_t n;

	if (json_is_object(v))
		v = json_object_get(v, "value");
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return colo_xstrdup(num);
	}
	if (!json_is_string(v))
		return NULL;
	s = colo_text_trim(json_string_value(v), json_string_length(v), &n);
	if (!n || memchr(s, '\0', n))
		return NULL;
	return colo_text_squash(s, n);
}

static int num(json_t *v)
{
	char *s = str(v);
	int n = 0;

	for (const char *p = s; p && *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (*p - '0');
	free(s);
	return n;
}

/* ---- the person ---------------------------------------------------- */

bool colo_orcid_api_parse_person(const char *data, size_t len,
                                 const char *orcid, colo_batch *b,
                                 long *person, colo_error *err)
{
	json_t *root = load(data, len, "person", err), *name;
	char *given = NULL, *family = NULL, *credit = NULL;
	colo_person *p;
	bool ok = false;

	*person = -1;
	if (!root)
		return false;
	name = json_object_get(root, "name");
	given = str(dig(name, "given-names", NULL));
	family = str(dig(name, "family-name", NULL));
	credit = str(dig(name, "credit-name", NULL));
	if (!given && !family && !credit) {
		colo_error_set(err, COLO_EINPUT,
		               "the ORCID record %s shows no name (it may be "
		               "private)",
		               orcid);
		goto done;
	}
	*person = colo_batch_add_person(b);
	p = &b->people[*person];
	colo_set_str(&p->orcid, orcid);
	if (family) {
		/* "van der Berg": let the name parser find particles in what
		 * ORCID keeps as one family name. */
		colo_buf full;

		colo_buf_init(&full, 0);
		if (given)
			colo_buf_printf(&full, "%s ", given);
		colo_buf_puts(&full, family);
		colo_name_parse(full.data, full.len, &p->name);
		colo_buf_cleanup(&full);
		if (!p->name.family || p->name.literal) {
			colo_name_cleanup(&p->name);
			colo_name_init(&p->name);
			p->name.given = given;
			p->name.family = family;
			given = family = NULL;
		}
	} else {
		const char *only = given ? given : credit;

		colo_name_parse(only, strlen(only), &p->name);
	}
	if (credit)
		colo_person_add_variant(p, credit);
	ok = true;
done:
	free(given);
	free(family);
	free(credit);
	json_decref(root);
	return ok;
}

/* ---- work summaries -------------------------------------------------- */

void colo_orcid_codes_cleanup(colo_orcid_codes *c)
{
	free(c->codes);
	c->codes = NULL;
	c->n = c->cap = 0;
}

bool colo_orcid_api_parse_summaries(const char *data, size_t len,
                                    colo_orcid_codes *out, colo_error *err)
{
	json_t *root = load(data, len, "works", err), *groups, *g;
	size_t i;

	if (!root)
		return false;
	groups = json_object_get(root, "group");
	if (!json_is_array(groups)) {
		json_decref(root);
		colo_error_set(err, COLO_EINPUT,
		               "ORCID works answer has no \"group\" list");
		return false;
	}
	json_array_foreach(groups, i, g) {
		json_t *sums = json_object_get(g, "work-summary"), *sum, *code;
		json_t *best = NULL;
		int best_rank = -1;
		size_t k;

		/* The version the researcher prefers has the highest
		 * display-index; on a tie, the first listed. */
		json_array_foreach(sums, k, sum) {
			int rank = num(json_object_get(sum, "display-index"));

			if (json_is_object(sum) && rank > best_rank) {
				best = sum;
				best_rank = rank;
			}
		}
		code = json_object_get(best, "put-code");

		if (!json_is_integer(code) || json_integer_value(code) <= 0)
			continue;
		colo_grow((void **)&out->codes, &out->cap, out->n + 1,
		          sizeof *out->codes);
		out->codes[out->n++] = (long long)json_integer_value(code);
	}
	json_decref(root);
	return true;
}

/* ---- works ------------------------------------------------------------ */

const char *colo_orcid_api_csl_type(const char *t)
{
	static const char *const map[][2] = {
		{"journal-article", "article-journal"},
		{"journal-issue", "article-journal"},
		{"magazine-article", "article-magazine"},
		{"newspaper-article", "article-newspaper"},
		{"newsletter-article", "article-magazine"},
		{"book", "book"},
		{"edited-book", "book"},
		{"book-chapter", "chapter"},
		{"book-review", "review-book"},
		{"review", "review"},
		{"conference-paper", "paper-conference"},
		{"conference-abstract", "paper-conference"},
		{"conference-poster", "paper-conference"},
		{"conference-output", "paper-conference"},
		{"conference-presentation", "speech"},
		{"lecture-speech", "speech"},
		{"dissertation", "thesis"},
		{"dissertation-thesis", "thesis"},
		{"supervised-student-publication", "thesis"},
		{"report", "report"},
		{"working-paper", "report"},
		{"technical-standard", "standard"},
		{"standards-and-policy", "standard"},
		{"preprint", "article"},
		{"encyclopedia-entry", "entry-encyclopedia"},
		{"dictionary-entry", "entry-dictionary"},
		{"website", "webpage"},
		{"blog-post", "post-weblog"},
		{"data-set", "dataset"},
		{"software", "software"},
		{"patent", "patent"},
		{"translation", "book"},
		{"manual", "book"},
		{"annotation", "document"},
	};

	for (size_t i = 0; t && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(t, map[i][0]) == 0)
			return map[i][1];
	return "document";
}

/* DOI, ISBN, ISSN and a URL from external-ids. */
static void external_ids(colo_work *w, json_t *work)
{
	json_t *list = dig(work, "external-ids", "external-id"), *e;
	size_t i;

	json_array_foreach(list, i, e) {
		char *type = str(json_object_get(e, "external-id-type"));
		char *value = str(json_object_get(e, "external-id-value"));
		char *rel = str(json_object_get(e, "external-id-relationship"));
		bool self = !rel || strcmp(rel, "self") == 0;

		if (!value) {
			char *norm = str(dig(e, "external-id-normalized", NULL));

			value = norm;
		}
		if (type && value) {
			if (strcmp(type, "doi") == 0 && self && !w->doi)
				w->doi = colo_import_clean_doi(value, strlen(value));
			else if (strcmp(type, "isbn") == 0 && self && !w->isbn)
				w->isbn = colo_xstrdup(value);
			else if ((strcmp(type, "issn") == 0 ||
			          strcmp(type, "eissn") == 0) && !w->issn)
				w->issn = colo_xstrdup(value);
			else if (strcmp(type, "uri") == 0 && self && !w->url)
				w->url = colo_xstrdup(value);
		}
		free(type);
		free(value);
		free(rel);
	}
	if (w->doi && !*w->doi) {
		free(w->doi);
		w->doi = NULL;
	}
}

/* Volume, issue, pages and publisher from a BibTeX citation, when the work
 * lacks them (ORCID keeps no such fields of its own). */
static void from_citation(colo_work *w, json_t *work)
{
	json_t *c = json_object_get(work, "citation");
	char *type = str(json_object_get(c, "citation-type"));
	char *value = str(json_object_get(c, "citation-value"));
	colo_batch tmp;
	colo_error e;

	if (type && value && strcmp(type, "bibtex") == 0) {
		colo_batch_init(&tmp);
		colo_error_clear(&e);
		if (colo_bibtex_parse(value, strlen(value), &tmp, &e) &&
		    tmp.nworks > 0) {
			colo_work *t = &tmp.works[0];

			if (!w->volume && t->volume)
				w->volume = colo_xstrdup(t->volume);
			if (!w->issue && t->issue)
				w->issue = colo_xstrdup(t->issue);
			if (!w->pages && t->pages)
				w->pages = colo_xstrdup(t->pages);
			if (!w->publisher && t->publisher)
				w->publisher = colo_xstrdup(t->publisher);
		}
		colo_batch_cleanup(&tmp);
	}
	free(type);
	free(value);
}

/* Creators from contributors; the person (when given) is pointed at by
 * the contributor with its ORCID or a matching name, else added. */
static void contributors(colo_batch *b, colo_work *w, json_t *work,
                         long person)
{
	json_t *list = dig(work, "contributors", "contributor"), *c;
	const colo_person *p = person >= 0 ? &b->people[person] : NULL;
	bool named = false;
	size_t i;

	json_array_foreach(list, i, c) {
		char *credit = str(dig(c, "credit-name", NULL));
		char *role = str(dig(c, "contributor-attributes", "contributor-role"));
		char *corcid = str(dig(c, "contributor-orcid", "path"));
		colo_creator_role r = COLO_ROLE_AUTHOR;
		colo_creator *cr;

		if (role && (strcmp(role, "editor") == 0 ||
		             strstr(role, "/editor") != NULL))
			r = COLO_ROLE_EDITOR;
		if (credit) {
			cr = colo_work_add_creator(w, r);
			colo_name_parse(credit, strlen(credit), &cr->name);
			char canon[COLO_ORCID_LEN];
			bool same_id = corcid && p && p->orcid &&
			               colo_orcid_parse(corcid, strlen(corcid), canon,
			                                NULL) &&
			               strcmp(canon, p->orcid) == 0;

			if (p && !named &&
			    (same_id || (!corcid && !cr->name.literal &&
			                 colo_name_matches(&cr->name, &p->name)))) {
				cr->person = person;
				named = true;
			}
		}
		free(credit);
		free(role);
		free(corcid);
	}
	if (p && !named) {
		colo_creator *cr = colo_work_add_creator(w, COLO_ROLE_AUTHOR);

		colo_name_copy(&cr->name, &p->name);
		cr->person = person;
	}
}

static void one_work(colo_batch *b, json_t *work, long person)
{
	char *title = str(dig(work, "title", "title"));
	char *otype = str(json_object_get(work, "type"));
	json_t *date = json_object_get(work, "publication-date");
	colo_work *w;
	long wi;

	if (!title) {
		colo_batch_diag(b, 0, 0, "ORCID work %lld has no title; skipped",
		                (long long)json_integer_value(
		                    json_object_get(work, "put-code")));
		free(otype);
		return;
	}
	wi = colo_batch_add_work(b);
	w = &b->works[wi];
	w->title = title;
	w->subtitle = str(dig(work, "title", "subtitle"));
	w->type = colo_xstrdup(colo_orcid_api_csl_type(otype));
	w->year = num(dig(date, "year", NULL));
	w->month = num(dig(date, "month", NULL));
	w->day = num(dig(date, "day", NULL));
	if (w->month > 12)
		w->month = w->day = 0;
	if (w->day > 31)
		w->day = 0;
	external_ids(w, work);
	if (!w->url)
		w->url = str(json_object_get(work, "url"));
	if (strcmp(w->type, "book") != 0 && strcmp(w->type, "thesis") != 0) {
		w->container = str(json_object_get(work, "journal-title"));
		if (w->container && (strcmp(w->type, "article-journal") == 0 ||
		                     strcmp(w->type, "article-magazine") == 0 ||
		                     strcmp(w->type, "article-newspaper") == 0)) {
			const char *kind = strcmp(w->type, "article-journal") == 0
			                       ? "journal"
			                       : strcmp(w->type, "article-magazine") == 0
			                             ? "magazine"
			                             : "newspaper";
			long v = colo_batch_intern_venue(b, w->container, kind);

			w = &b->works[wi];
			w->venue = v;
			if (w->issn && !b->venues[v].issn)
				b->venues[v].issn = colo_xstrdup(w->issn);
		}
	}
	from_citation(w, work);
	contributors(b, w, work, person);
	free(otype);
}

bool colo_orcid_api_parse_works(const char *data, size_t len, long person,
                                colo_batch *b, colo_error *err)
{
	json_t *root = load(data, len, "works", err), *items, *it;
	size_t i;

	if (!root)
		return false;
	items = json_object_get(root, "bulk");
	if (!json_is_array(items)) {
		/* A single /work/{put-code} answer is one work. */
		if (json_object_get(root, "put-code")) {
			one_work(b, root, person);
			json_decref(root);
			return true;
		}
		json_decref(root);
		colo_error_set(err, COLO_EINPUT,
		               "ORCID works answer has no \"bulk\" list");
		return false;
	}
	json_array_foreach(items, i, it) {
		json_t *work = json_object_get(it, "work");

		if (json_is_object(work)) {
			one_work(b, work, person);
			continue;
		}
		if (json_is_object(json_object_get(it, "error"))) {
			char *msg = str(dig(it, "error", "developer-message"));

			colo_batch_diag(b, 0, 0, "ORCID answered an error for work %zu: %s",
			                i + 1, msg ? msg : "no message");
			free(msg);
		}
	}
	json_decref(root);
	return true;
}
