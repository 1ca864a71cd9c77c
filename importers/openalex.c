/* openalex.c - the OpenAlex API reader (see openalex.h): an author and
 * pages of their works, as a batch, with each work's OpenAlex id and the
 * ids of the works it references.
 *
 * Read from a work: id, doi, title (display_name when title is null),
 * publication_date / publication_year, type and type_crossref,
 * primary_location.source (display_name, issn_l, type),
 * primary_location.landing_page_url, biblio (volume, issue, first_page,
 * last_page), authorships (author display_name, id, orcid) and
 * referenced_works.  Not read: concepts, topics, abstracts (an inverted
 * index), open-access details, counts. */
#include "colophon/openalex.h"

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
	return colo_service_load_object("OpenAlex", what, data, len, err);
}

/* A trimmed, squashed string (or integer) member; NULL when absent/empty. */
static char *str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	char num[32];
	const char *s;
	size_t n;

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

char *colo_openalex_short_id(const char *s)
{
	const char *slash;
	size_t n;

	if (!s)
		return NULL;
	slash = strrchr(s, '/');
	if (slash)
		s = slash + 1;
	n = strlen(s);
	if (n < 2 || n > 32 || !strchr("WASIPFTCK", s[0] & ~0x20))
		return NULL;
	for (size_t i = 1; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return NULL;
	{
		char *out = colo_xstrdup(s);

		out[0] = (char)(out[0] & ~0x20);
		return out;
	}
}

/* An ORCID URL or iD in canonical form; NULL when absent or invalid. */
static char *orcid_of(json_t *obj, const char *key)
{
	char *s = str(obj, key), out[COLO_ORCID_LEN];
	bool ok = s && colo_orcid_parse(s, strlen(s), out, NULL);

	free(s);
	return ok ? colo_xstrdup(out) : NULL;
}

/* ---- the author ------------------------------------------------------ */

void colo_openalex_author_cleanup(colo_openalex_author *a)
{
	free(a->id);
	free(a->orcid);
	a->id = a->orcid = NULL;
	a->person = -1;
}

bool colo_openalex_parse_author(const char *data, size_t len, colo_batch *b,
                                colo_openalex_author *a, colo_error *err)
{
	json_t *root = load(data, len, "author", err), *insts, *inst;
	char *id = NULL, *name = NULL;
	colo_person *p;
	size_t i;

	a->id = a->orcid = NULL;
	a->person = -1;
	if (!root)
		return false;
	id = str(root, "id");
	a->id = colo_openalex_short_id(id);
	name = str(root, "display_name");
	if (!a->id || !name || a->id[0] != 'A') {
		colo_error_set(err, COLO_EINPUT,
		               "OpenAlex author answer has no author id or name");
		free(id);
		free(name);
		free(a->id);
		a->id = NULL;
		json_decref(root);
		return false;
	}
	a->orcid = orcid_of(root, "orcid");
	a->person = colo_batch_add_person(b);
	p = &b->people[a->person];
	colo_name_parse(name, strlen(name), &p->name);
	if (a->orcid)
		p->orcid = colo_xstrdup(a->orcid);
	insts = json_object_get(root, "last_known_institutions");
	if (!json_is_array(insts)) {
		/* the older, single-valued member */
		inst = json_object_get(root, "last_known_institution");
		insts = NULL;
		if (json_is_object(inst)) {
			char *org = str(inst, "display_name");

			if (org) {
				colo_affiliation *af = colo_person_add_affiliation(p);

				af->org = org;
				af->current = true;
			}
		}
	}
	json_array_foreach(insts, i, inst) {
		char *org = str(inst, "display_name");

		if (org) {
			colo_affiliation *af = colo_person_add_affiliation(p);

			af->org = org;
			af->current = true;
		}
	}
	free(id);
	free(name);
	json_decref(root);
	return true;
}

/* ---- works ------------------------------------------------------------ */

void colo_openalex_ids_init(colo_openalex_ids *ids)
{
	memset(ids, 0, sizeof *ids);
}

void colo_openalex_ids_cleanup(colo_openalex_ids *ids)
{
	for (size_t i = 0; i < ids->nwork_ids; i++)
		free(ids->work_ids[i]);
	free(ids->work_ids);
	for (size_t i = 0; i < ids->nrefs; i++)
		free(ids->refs[i].cited);
	free(ids->refs);
	free(ids->next_cursor);
	memset(ids, 0, sizeof *ids);
}

const char *colo_openalex_csl_type(const char *type, const char *crossref_type,
                                   const char *source_type)
{
	static const char *const crossref[][2] = {
		{"journal-article", "article-journal"},
		{"proceedings-article", "paper-conference"},
		{"book-chapter", "chapter"},
		{"book-section", "chapter"},
		{"book-part", "chapter"},
		{"book", "book"},
		{"edited-book", "book"},
		{"monograph", "book"},
		{"reference-book", "book"},
		{"dissertation", "thesis"},
		{"report", "report"},
		{"report-component", "report"},
		{"posted-content", "article"},
		{"dataset", "dataset"},
		{"reference-entry", "entry-encyclopedia"},
		{"standard", "standard"},
		{"peer-review", "review"},
	};
	static const char *const openalex[][2] = {
		{"book", "book"},
		{"book-chapter", "chapter"},
		{"dissertation", "thesis"},
		{"report", "report"},
		{"preprint", "article"},
		{"dataset", "dataset"},
		{"review", "review"},
		{"peer-review", "review"},
		{"reference-entry", "entry-encyclopedia"},
		{"standard", "standard"},
		{"editorial", "article-journal"},
		{"letter", "article-journal"},
		{"erratum", "article-journal"},
		{"paratext", "document"},
		{"other", "document"},
	};

	for (size_t i = 0; crossref_type && i < sizeof crossref / sizeof crossref[0];
	     i++)
		if (strcmp(crossref_type, crossref[i][0]) == 0)
			return crossref[i][1];
	if (type && strcmp(type, "article") == 0) {
		if (source_type && strcmp(source_type, "journal") == 0)
			return "article-journal";
		if (source_type && strcmp(source_type, "conference") == 0)
			return "paper-conference";
		return "article";
	}
	for (size_t i = 0; type && i < sizeof openalex / sizeof openalex[0]; i++)
		if (strcmp(type, openalex[i][0]) == 0)
			return openalex[i][1];
	return "document";
}

/* Finds needle in hay[from..len); returns its offset or len. */
static size_t find(const char *hay, size_t len, size_t from,
                   const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = from; n && i + n <= len; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
			return i;
	return len;
}

/* Where a work's object starts in the page: its "id" member, which
 * OpenAlex writes first. */
static size_t work_start(const char *data, size_t len, size_t from,
                         const char *url)
{
	colo_buf pat;
	size_t at;

	colo_buf_init(&pat, 0);
	colo_buf_printf(&pat, "\"id\": \"%s\"", url);
	at = find(data, len, from, pat.data);
	if (at == len) {
		colo_buf_reset(&pat);
		colo_buf_printf(&pat, "\"id\":\"%s\"", url);
		at = find(data, len, from, pat.data);
	}
	colo_buf_cleanup(&pat);
	return at;
}

static void venue_of(colo_batch *b, long wi, json_t *source)
{
	char *name = str(source, "display_name");
	char *stype = str(source, "type");
	char *issn = str(source, "issn_l");
	colo_work *w = &b->works[wi];
	const char *kind = "journal";
	long v;

	if (!name)
		goto done;
	w->container = colo_xstrdup(name);
	if (!issn) {
		json_t *list = json_object_get(source, "issn");

		if (json_is_string(json_array_get(list, 0)))
			issn = colo_xstrdup(json_string_value(json_array_get(list, 0)));
	}
	if (issn && !w->issn)
		w->issn = colo_xstrdup(issn);
	if (stype && strcmp(stype, "book-series") == 0)
		kind = "series";
	else if (stype && (strcmp(stype, "repository") == 0 ||
	                   strcmp(stype, "conference") == 0 ||
	                   strcmp(stype, "ebook platform") == 0))
		goto done; /* a place the work is held or presented, not a periodical */
	v = colo_batch_intern_venue(b, name, kind);
	b->works[wi].venue = v;
	if (issn && !b->venues[v].issn)
		b->venues[v].issn = colo_xstrdup(issn);
done:
	free(name);
	free(stype);
	free(issn);
}

static void authorships(colo_work *w, json_t *work,
                        const colo_openalex_author *a)
{
	json_t *list = json_object_get(work, "authorships"), *as;
	size_t i;

	json_array_foreach(list, i, as) {
		json_t *au = json_object_get(as, "author");
		char *name = str(au, "display_name");
		char *aid, *sid, *orcid;
		colo_creator *c;

		if (!name)
			name = str(as, "raw_author_name");
		if (!name)
			continue;
		c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);
		colo_name_parse(name, strlen(name), &c->name);
		aid = str(au, "id");
		sid = colo_openalex_short_id(aid);
		orcid = orcid_of(au, "orcid");
		if (a && a->person >= 0 &&
		    ((sid && a->id && strcmp(sid, a->id) == 0) ||
		     (orcid && a->orcid && strcmp(orcid, a->orcid) == 0)))
			c->person = a->person;
		free(name);
		free(aid);
		free(sid);
		free(orcid);
	}
}

static char *pages(json_t *biblio)
{
	char *first = str(biblio, "first_page"), *last = str(biblio, "last_page");
	colo_buf p;

	if (!first) {
		free(last);
		return NULL;
	}
	if (!last || strcmp(first, last) == 0) {
		free(last);
		return first;
	}
	colo_buf_init(&p, 0);
	colo_buf_printf(&p, "%s-%s", first, last);
	free(first);
	free(last);
	return colo_buf_steal(&p);
}

static void one_work(const char *data, size_t len, json_t *r,
                     const colo_openalex_author *a, colo_batch *b,
                     colo_openalex_ids *ids, size_t *scan, size_t index)
{
	char *url = str(r, "id"), *id = colo_openalex_short_id(url);
	char *title = str(r, "title");
	char *type = str(r, "type"), *xtype = str(r, "type_crossref");
	char *stype = NULL, *date = str(r, "publication_date");
	json_t *loc = json_object_get(r, "primary_location");
	json_t *source = json_object_get(loc, "source");
	json_t *biblio = json_object_get(r, "biblio");
	json_t *refs = json_object_get(r, "referenced_works"), *ref;
	colo_work *w;
	long wi;
	size_t i, at;

	if (!title)
		title = str(r, "display_name");
	if (!id || id[0] != 'W' || !title) {
		colo_batch_diag(b, 0, 0,
		                "OpenAlex result %zu has no work id or title; skipped",
		                index + 1);
		goto done;
	}
	stype = str(source, "type");
	wi = colo_batch_add_work(b);
	w = &b->works[wi];
	w->title = title;
	title = NULL;
	w->type = colo_xstrdup(colo_openalex_csl_type(type, xtype, stype));
	if (date) {
		int y = 0, m = 0, d = 0;

		if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) >= 1) {
			w->year = y;
			w->month = m >= 1 && m <= 12 ? m : 0;
			w->day = w->month && d >= 1 && d <= 31 ? d : 0;
		}
	}
	if (!w->year) {
		json_t *y = json_object_get(r, "publication_year");

		if (json_is_integer(y) && json_integer_value(y) > 0 &&
		    json_integer_value(y) < 10000)
			w->year = (int)json_integer_value(y);
	}
	{
		char *doi = str(r, "doi");

		if (doi) {
			w->doi = colo_import_clean_doi(doi, strlen(doi));
			free(doi);
		}
	}
	w->url = str(loc, "landing_page_url");
	if (w->url && w->doi && strstr(w->url, "doi.org/")) {
		free(w->url);
		w->url = NULL;
	}
	w->volume = str(biblio, "volume");
	w->issue = str(biblio, "issue");
	w->pages = pages(biblio);
	if (json_is_object(source))
		venue_of(b, wi, source);
	w = &b->works[wi];
	authorships(w, r, a);

	ids->work_ids = colo_xrealloc(ids->work_ids,
	                              b->nworks * sizeof *ids->work_ids);
	for (size_t k = ids->nwork_ids; k < b->nworks; k++)
		ids->work_ids[k] = NULL;
	ids->nwork_ids = b->nworks;
	ids->work_ids[wi] = colo_xstrdup(id);

	at = work_start(data, len, *scan, url);
	if (at < len)
		*scan = at + 1;
	json_array_foreach(refs, i, ref) {
		char *cited;
		colo_openalex_ref *out;
		size_t where = len;

		if (!json_is_string(ref))
			continue;
		cited = colo_openalex_short_id(json_string_value(ref));
		if (!cited || cited[0] != 'W' || strcmp(cited, id) == 0) {
			free(cited);
			continue;
		}
		if (at < len) {
			colo_buf q;

			colo_buf_init(&q, 0);
			colo_buf_printf(&q, "\"%s\"", json_string_value(ref));
			where = find(data, len, at, q.data);
			colo_buf_cleanup(&q);
		}
		colo_grow((void **)&ids->refs, &ids->caprefs, ids->nrefs + 1,
		          sizeof *ids->refs);
		out = &ids->refs[ids->nrefs++];
		out->work = wi;
		out->cited = cited;
		out->start = where < len ? where + 1 : 0;
		out->end = where < len ? where + 1 + strlen(json_string_value(ref))
		                       : 0;
	}
done:
	free(url);
	free(id);
	free(title);
	free(type);
	free(xtype);
	free(stype);
	free(date);
}

bool colo_openalex_parse_works(const char *data, size_t len,
                               const colo_openalex_author *a, colo_batch *b,
                               colo_openalex_ids *ids, colo_error *err)
{
	json_t *root = load(data, len, "works", err), *results, *r, *meta;
	size_t i, scan = 0;

	if (!root)
		return false;
	results = json_object_get(root, "results");
	if (!json_is_array(results)) {
		json_decref(root);
		colo_error_set(err, COLO_EINPUT,
		               "OpenAlex works answer has no \"results\" list");
		return false;
	}
	ids->page_results = json_array_size(results);
	meta = json_object_get(root, "meta");
	free(ids->next_cursor);
	ids->next_cursor = str(meta, "next_cursor");
	if (json_is_integer(json_object_get(meta, "count")))
		ids->count = (long long)json_integer_value(json_object_get(meta, "count"));
	json_array_foreach(results, i, r) {
		if (!json_is_object(r)) {
			colo_batch_diag(b, 0, 0,
			                "OpenAlex result %zu is not an object; skipped",
			                i + 1);
			continue;
		}
		one_work(data, len, r, a, b, ids, &scan, i);
	}
	json_decref(root);
	return true;
}
