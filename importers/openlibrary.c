/* openlibrary.c - Open Library's Books API and search.json → colo_work.
 *
 * Open Library names authors as one string ("Robert Farley"), which is
 * parsed with colo_name_parse; publishers and places are objects with a
 * `name` (Books API) or plain strings (search).  ISBNs are validated and
 * kept as ISBN-13, preferring isbn_13 over a converted isbn_10.  Parsed
 * with jansson.  Not here: fetching (cli/) or matching (core/similar.c). */
#include "colophon/openlibrary.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "colophon/buf.h"
#include "colophon/isbn.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/text.h"

/* A trimmed, squashed string; NULL when empty or holding a NUL. */
static char *str(json_t *v)
{
	char *s;

	if (!json_is_string(v) ||
	    memchr(json_string_value(v), '\0', json_string_length(v)))
		return NULL;
	s = colo_text_squash(json_string_value(v), json_string_length(v));
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* The first usable entry of an array of strings or of {"name": ...}. */
static char *first_name(json_t *arr)
{
	json_t *e;
	size_t i;

	json_array_foreach(arr, i, e) {
		char *s = json_is_object(e) ? str(json_object_get(e, "name"))
		                            : str(e);

		if (s)
			return s;
	}
	return NULL;
}

int colo_openlibrary_year(const char *s)
{
	for (const char *p = s; p && *p; p++) {
		int y = 0, n = 0;

		if (p > s && p[-1] >= '0' && p[-1] <= '9')
			continue;
		while (p[n] >= '0' && p[n] <= '9' && n < 5)
			y = y * 10 + (p[n++] - '0');
		if (n == 4 && y >= 1000 && y <= 2999)
			return y;
	}
	return 0;
}

/* The first valid ISBN of the arrays, as ISBN-13; NULL when none. */
static char *isbn_of(json_t *a13, json_t *a10)
{
	json_t *arrs[2] = {a13, a10}, *e;
	size_t i;

	for (int k = 0; k < 2; k++)
		json_array_foreach(arrs[k], i, e) {
			char out[COLO_ISBN13_LEN];

			if (json_is_string(e) &&
			    colo_isbn_normalize(json_string_value(e), out, NULL))
				return colo_xstrdup(out);
		}
	return NULL;
}

/* search.json gives all editions' ISBNs in one array: prefer an ISBN-13. */
static char *isbn_mixed(json_t *arr)
{
	json_t *thirteen = json_array(), *ten = json_array(), *e;
	size_t i;
	char *out;

	json_array_foreach(arr, i, e) {
		size_t n = 0;

		if (!json_is_string(e))
			continue;
		for (const char *p = json_string_value(e); *p; p++)
			n += (*p >= '0' && *p <= '9') || *p == 'X' || *p == 'x';
		json_array_append(n == 13 ? thirteen : ten, e);
	}
	out = isbn_of(thirteen, ten);
	json_decref(thirteen);
	json_decref(ten);
	return out;
}

static void add_author(colo_work *w, const char *name)
{
	colo_creator *c = colo_work_add_creator(w, COLO_ROLE_AUTHOR);

	colo_name_parse(name, strlen(name), &c->name);
}

static json_t *load(const char *data, size_t len, const char *what,
                    colo_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, 0, &je);

	if (!root) {
		colo_error_set_at(err, COLO_EINPUT,
		                  (unsigned)(je.line > 0 ? je.line : 0),
		                  (unsigned)(je.column > 0 ? je.column : 0),
		                  "not an Open Library %s response: %s", what, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		colo_error_set(err, COLO_EINPUT,
		               "not an Open Library %s response: expected an object",
		               what);
		json_decref(root);
		return NULL;
	}
	return root;
}

bool colo_openlibrary_parse_books(const char *data, size_t len,
                                  colo_batch *out, colo_error *err)
{
	json_t *root = load(data, len, "books", err), *book;
	const char *bibkey;
	if (!root)
		return false;
	json_object_foreach(root, bibkey, book) {
		json_t *authors = json_object_get(book, "authors"), *a, *ids;
		char *title, *date;
		colo_work *w;
		long wi;
		size_t i;

		if (!json_is_object(book) ||
		    !(title = str(json_object_get(book, "title")))) {
			colo_batch_diag(out, 0, 0, "%s: book has no title; skipped",
			                bibkey);
			continue;
		}
		wi = colo_batch_add_work(out);
		w = &out->works[wi];
		w->type = colo_xstrdup("book");
		w->title = title;
		w->subtitle = str(json_object_get(book, "subtitle"));
		json_array_foreach(authors, i, a) {
			char *name = str(json_object_get(a, "name"));

			if (name)
				add_author(w, name);
			free(name);
		}
		w->publisher = first_name(json_object_get(book, "publishers"));
		w->place = first_name(json_object_get(book, "publish_places"));
		date = str(json_object_get(book, "publish_date"));
		w->year = colo_openlibrary_year(date);
		free(date);
		ids = json_object_get(book, "identifiers");
		w->isbn = isbn_of(json_object_get(ids, "isbn_13"),
		                  json_object_get(ids, "isbn_10"));
		if (!w->isbn && strncmp(bibkey, "ISBN:", 5) == 0) {
			char o[COLO_ISBN13_LEN];

			if (colo_isbn_normalize(bibkey + 5, o, NULL))
				w->isbn = colo_xstrdup(o);
		}
		w->url = str(json_object_get(book, "url"));
	}
	json_decref(root);
	return true;
}

bool colo_openlibrary_parse_search(const char *data, size_t len,
                                   const char *base, colo_batch *out,
                                   colo_error *err)
{
	json_t *root = load(data, len, "search", err), *docs, *doc;
	size_t i;

	if (!root)
		return false;
	docs = json_object_get(root, "docs");
	if (!json_is_array(docs)) {
		colo_error_set(err, COLO_EINPUT,
		               "not an Open Library search response: no \"docs\" "
		               "array");
		json_decref(root);
		return false;
	}
	json_array_foreach(docs, i, doc) {
		json_t *names = json_object_get(doc, "author_name"), *a, *fy;
		char *title, *key;
		colo_work *w;
		long wi;
		size_t k;

		if (!json_is_object(doc) ||
		    !(title = str(json_object_get(doc, "title")))) {
			colo_batch_diag(out, 0, 0, "doc %zu has no title; skipped",
			                i + 1);
			continue;
		}
		wi = colo_batch_add_work(out);
		w = &out->works[wi];
		w->type = colo_xstrdup("book");
		w->title = title;
		w->subtitle = str(json_object_get(doc, "subtitle"));
		json_array_foreach(names, k, a) {
			char *name = str(a);

			if (name)
				add_author(w, name);
			free(name);
		}
		fy = json_object_get(doc, "first_publish_year");
		if (json_is_integer(fy) && json_integer_value(fy) > 0 &&
		    json_integer_value(fy) < 10000)
			w->year = (int)json_integer_value(fy);
		w->publisher = first_name(json_object_get(doc, "publisher"));
		w->place = first_name(json_object_get(doc, "publish_place"));
		w->isbn = isbn_mixed(json_object_get(doc, "isbn"));
		key = str(json_object_get(doc, "key"));
		if (key && base && key[0] == '/') {
			colo_buf u;

			colo_buf_init(&u, 0);
			colo_buf_printf(&u, "%s%s", base, key);
			w->url = colo_buf_steal(&u);
		}
		free(key);
	}
	json_decref(root);
	return true;
}
