/* crossref.c - the Crossref REST API's work JSON → colo_work.
 *
 * Crossref keeps most text fields in arrays (title, subtitle,
 * container-title, ISBN, ISSN) and dates as date-parts [[y, m, d]].
 * Titles may carry JATS/HTML inline tags (<i>, <sub>); they are dropped.
 * Parsed with jansson, which rejects invalid UTF-8 and caps nesting.  Not
 * here: fetching (cli/cmd_import_doi.c) or choosing among candidates
 * (core/similar.c). */
#include "colophon/crossref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "colophon/buf.h"
#include "colophon/isbn.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/text.h"
#include "formats_priv.h"

static const struct {
	const char *crossref, *csl;
} types[] = {
	{"journal-article", "article-journal"},
	{"book", "book"},
	{"monograph", "book"},
	{"edited-book", "book"},
	{"reference-book", "book"},
	{"book-set", "book"},
	{"book-chapter", "chapter"},
	{"book-section", "chapter"},
	{"book-part", "chapter"},
	{"book-track", "chapter"},
	{"proceedings-article", "paper-conference"},
	{"proceedings", "book"},
	{"report", "report"},
	{"report-component", "report"},
	{"dissertation", "thesis"},
	{"posted-content", "article"},
	{"dataset", "dataset"},
	{"reference-entry", "entry"},
	{"standard", "standard"},
	{"peer-review", "review"},
	{"journal-issue", "periodical"},
	{"journal", "periodical"},
	{"component", "document"},
	{"other", "document"},
};

const char *colo_crossref_csl_type(const char *t)
{
	for (size_t i = 0; t && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(types[i].crossref, t) == 0)
			return types[i].csl;
	return "document";
}

/* Text without inline tags, whitespace squashed; NULL when empty. */
static char *clean(const char *s, size_t len)
{
	colo_buf b;
	char *out;

	if (memchr(s, '\0', len))
		return NULL;
	colo_buf_init(&b, 0);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '<') {
			size_t j = i + 1;

			if (j < len && s[j] == '/')
				j++;
			while (j < len && ((s[j] >= 'a' && s[j] <= 'z') ||
			                   (s[j] >= 'A' && s[j] <= 'Z') || s[j] == ':' ||
			                   (s[j] >= '0' && s[j] <= '9')))
				j++;
			if (j > i + 1 && j < len && (s[j] == '>' || s[j] == ' ')) {
				while (j < len && s[j] != '>')
					j++;
				if (j < len) {
					i = j;
					continue;
				}
			}
		}
		colo_buf_putc(&b, s[i]);
	}
	out = colo_text_squash(colo_buf_cstr(&b), b.len);
	colo_buf_cleanup(&b);
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

/* A string member, or the first non-empty string of an array member. */
static char *text(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key), *e;
	size_t i;
	char num[32];

	if (json_is_string(v))
		return clean(json_string_value(v), json_string_length(v));
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return colo_xstrdup(num);
	}
	if (json_is_array(v))
		json_array_foreach(v, i, e) {
			if (json_is_string(e)) {
				char *s = clean(json_string_value(e), json_string_length(e));

				if (s)
					return s;
			}
		}
	return NULL;
}

/* "https://orcid.org/0000-0002-1825-0097" → "0000-0002-1825-0097". */
static char *orcid_id(const char *s)
{
	const char *slash = strrchr(s, '/');
	const char *id = slash ? slash + 1 : s;
	size_t n = strlen(id);

	if (n != 19)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		bool ok = (i % 5 == 4) ? c == '-'
		                       : (c >= '0' && c <= '9') ||
		                             (i == 18 && (c == 'X' || c == 'x'));

		if (!ok)
			return NULL;
	}
	return colo_xstrdup(id);
}

static void names(colo_batch *b, long wi, json_t *item, const char *key,
                  colo_creator_role role)
{
	json_t *arr = json_object_get(item, key), *n;
	size_t i;

	if (!json_is_array(arr))
		return;
	json_array_foreach(arr, i, n) {
		colo_creator *c;
		char *family, *given, *orcid = NULL, *o;

		if (!json_is_object(n))
			continue;
		family = text(n, "family");
		given = text(n, "given");
		if (!family && !given) {
			/* Organisations come as {"name": "..."}. */
			char *lit = text(n, "name");

			if (lit) {
				c = colo_work_add_creator(&b->works[wi], role);
				c->name.literal = lit;
			}
			continue;
		}
		c = colo_work_add_creator(&b->works[wi], role);
		c->name.family = family ? family : given;
		c->name.given = family ? given : NULL;
		c->name.suffix = text(n, "suffix");
		o = text(n, "ORCID");
		if (o) {
			orcid = orcid_id(o);
			free(o);
		}
		if (orcid) {
			/* The person keeps the name key every other import
			 * gives them, so an ORCID here adds to the person
			 * already stored instead of making a second one. */
			long pi = colo_batch_add_person(b);
			colo_person *p = &b->people[pi];

			c = &b->works[wi].creators[b->works[wi].ncreators - 1];
			colo_name_copy(&p->name, &c->name);
			p->orcid = orcid;
			p->key = colo_name_key(&p->name);
			c->person = pi;
		}
	}
}

static bool date_parts(json_t *item, const char *key, colo_work *w)
{
	json_t *d = json_object_get(item, key);
	json_t *first = json_array_get(json_object_get(d, "date-parts"), 0);
	json_t *y = json_array_get(first, 0), *m = json_array_get(first, 1);
	json_t *day = json_array_get(first, 2);

	if (!json_is_integer(y) || json_integer_value(y) <= 0 ||
	    json_integer_value(y) >= 10000)
		return false;
	w->year = (int)json_integer_value(y);
	w->month = json_is_integer(m) && json_integer_value(m) >= 1 &&
	                   json_integer_value(m) <= 12
	               ? (int)json_integer_value(m)
	               : 0;
	w->day = w->month && json_is_integer(day) && json_integer_value(day) >= 1 &&
	                 json_integer_value(day) <= 31
	             ? (int)json_integer_value(day)
	             : 0;
	return true;
}

static char *isbn(json_t *item)
{
	json_t *arr = json_object_get(item, "ISBN"), *e;
	size_t i;
	char *first = NULL;

	if (!json_is_array(arr))
		return text(item, "ISBN");
	json_array_foreach(arr, i, e) {
		char out[COLO_ISBN13_LEN];

		if (!json_is_string(e))
			continue;
		if (colo_isbn_normalize(json_string_value(e), out, NULL)) {
			free(first);
			return colo_xstrdup(out);
		}
		if (!first)
			first = clean(json_string_value(e), json_string_length(e));
	}
	return first;
}

/* One record; false (with *why) when it has neither title nor DOI. */
static bool build(colo_batch *b, json_t *item, const char **why)
{
	char *title = text(item, "title"), *doi = text(item, "DOI");
	char *type;
	long wi;
	colo_work *w;

	if (!title && !doi) {
		*why = "record has neither \"title\" nor \"DOI\"";
		return false;
	}
	wi = colo_batch_add_work(b);
	w = &b->works[wi];
	type = text(item, "type");
	w->type = colo_xstrdup(colo_crossref_csl_type(type));
	w->title = title;
	w->subtitle = text(item, "subtitle");
	if (doi) {
		w->doi = colo_import_clean_doi(doi, strlen(doi));
		for (char *p = w->doi; p && *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		free(doi);
	}
	names(b, wi, item, "author", COLO_ROLE_AUTHOR);
	names(b, wi, item, "editor", COLO_ROLE_EDITOR);
	names(b, wi, item, "translator", COLO_ROLE_TRANSLATOR);
	w = &b->works[wi];
	if (!date_parts(item, "issued", w) &&
	    !date_parts(item, "published-print", w))
		date_parts(item, "published-online", w);
	w->container = text(item, "container-title");
	w->publisher = text(item, "publisher");
	w->place = text(item, "publisher-location");
	w->volume = text(item, "volume");
	w->issue = text(item, "issue");
	w->pages = text(item, "page");
	w->edition = text(item, "edition-number");
	w->isbn = isbn(item);
	w->issn = text(item, "ISSN");
	w->url = text(item, "URL");
	/* A book's container-title is its series. */
	if (strcmp(w->type, "book") == 0 && w->container) {
		w->series = w->container;
		w->container = NULL;
	}
	free(type);
	return true;
}

bool colo_crossref_parse(const char *data, size_t len, colo_batch *out,
                         colo_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, 0, &je), *msg, *items, *item;
	const char *status, *mtype, *why = NULL;
	size_t i;
	bool ok = false;

	if (!root) {
		colo_error_set_at(err, COLO_EINPUT,
		                  (unsigned)(je.line > 0 ? je.line : 0),
		                  (unsigned)(je.column > 0 ? je.column : 0),
		                  "not a Crossref response: %s", je.text);
		return false;
	}
	msg = json_object_get(root, "message");
	status = json_string_value(json_object_get(root, "status"));
	mtype = json_string_value(json_object_get(root, "message-type"));
	if (!json_is_object(msg) || (status && strcmp(status, "ok") != 0)) {
		if (status && strcmp(status, "ok") != 0)
			colo_error_set(err, COLO_EINPUT,
			               "Crossref answered with status '%s'", status);
		else
			colo_error_set(err, COLO_EINPUT,
			               "not a Crossref response: no \"message\" object");
		goto done;
	}
	items = json_object_get(msg, "items");
	if ((mtype && strcmp(mtype, "work-list") == 0) || json_is_array(items)) {
		json_array_foreach(items, i, item) {
			why = "record is not an object";
			if (!json_is_object(item) || !build(out, item, &why))
				colo_batch_diag(out, 0, 0, "%s (item %zu); skipped", why,
				                i + 1);
		}
		ok = true;
		goto done;
	}
	if (!build(out, msg, &why)) {
		colo_error_set(err, COLO_EINPUT, "Crossref work: %s", why);
		goto done;
	}
	ok = true;
done:
	json_decref(root);
	return ok;
}
