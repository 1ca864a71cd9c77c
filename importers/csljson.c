/* csljson.c - the CSL-JSON reader (what Zotero, pandoc and citeproc-js
 * read and write).
 *
 * The document is parsed with jansson (which rejects invalid UTF-8 and
 * caps nesting); it is an array of items or one item.  Every CSL variable
 * the model has is read: names (family, given, particles, suffix,
 * literal) for author, editor and translator; issued as date-parts
 * [[y, m, d]] (also "raw" and "literal" text); numbers given as JSON
 * numbers or strings.  An item that is not an object or lacks a type and a
 * title is reported with the line and column where it starts and skipped.
 * `keyword` is a comma-separated string (Zotero, pandoc); an array of
 * strings is read too.  Not read: CSL variables the model has no place
 * for (container-author, accessed ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "formats_priv.h"

typedef struct pos {
	unsigned line, col;
} pos;

/* Where each element of the top-level array starts (jansson keeps no
 * positions).  Scans strings and nesting only. */
static pos *item_positions(const char *s, size_t len, size_t *n)
{
	pos *out = NULL;
	size_t cap = 0, count = 0;
	long depth = 0;
	unsigned line = 1, col = 1;
	bool want = false;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '"') {
			size_t j = i + 1;

			if (depth == 1 && want) {
				colo_grow((void **)&out, &cap, count + 1, sizeof *out);
				out[count++] = (pos){line, col};
				want = false;
			}
			while (j < len && s[j] != '"') {
				if (s[j] == '\\')
					j++;
				else if (s[j] == '\n') {
					line++;
					col = 0;
				}
				j++;
			}
			col += (unsigned)(j - i) + 1;
			i = j;
			continue;
		}
		if (c == '\n') {
			line++;
			col = 1;
			continue;
		}
		if (c == '[' || c == '{') {
			if (depth == 1 && want) {
				colo_grow((void **)&out, &cap, count + 1, sizeof *out);
				out[count++] = (pos){line, col};
				want = false;
			}
			depth++;
			if (depth == 1 && c == '[')
				want = true;
		} else if (c == ']' || c == '}') {
			depth--;
		} else if (c == ',' && depth == 1) {
			want = true;
		} else if (depth == 1 && want && c != ' ' && c != '\t' && c != '\r') {
			colo_grow((void **)&out, &cap, count + 1, sizeof *out);
			out[count++] = (pos){line, col};
			want = false;
		}
		if (((unsigned char)c & 0xC0) != 0x80)
			col++;
	}
	*n = count;
	return out;
}

/* A string or number variable as text; caller frees; NULL when absent. */
static char *text(json_t *item, const char *key)
{
	json_t *v = json_object_get(item, key);
	char num[64];

	if (json_is_string(v)) {
		size_t n;
		const char *s = colo_text_trim(json_string_value(v),
		                               json_string_length(v), &n);

		if (!n || memchr(s, '\0', n))
			return NULL;
		return colo_xstrndup(s, n);
	}
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return colo_xstrdup(num);
	}
	if (json_is_real(v)) {
		snprintf(num, sizeof num, "%g", json_real_value(v));
		return colo_xstrdup(num);
	}
	return NULL;
}

static void set(char **slot, json_t *item, const char *key)
{
	if (!*slot)
		*slot = text(item, key);
}

static void join_particles(colo_name *n, char *dropping, char *nondropping)
{
	if (dropping && nondropping) {
		colo_buf b;

		colo_buf_init(&b, 0);
		colo_buf_printf(&b, "%s %s", dropping, nondropping);
		n->particle = colo_buf_steal(&b);
		free(dropping);
		free(nondropping);
	} else {
		n->particle = dropping ? dropping : nondropping;
	}
}

static void names(colo_work *w, json_t *item, const char *key,
                  colo_creator_role role)
{
	json_t *arr = json_object_get(item, key), *n;
	size_t i;

	if (!json_is_array(arr))
		return;
	json_array_foreach(arr, i, n) {
		colo_creator *c;
		char *lit;

		if (!json_is_object(n))
			continue;
		lit = text(n, "literal");
		if (!lit && !json_object_get(n, "family") &&
		    !json_object_get(n, "given"))
			continue;
		c = colo_work_add_creator(w, role);
		if (lit) {
			c->name.literal = lit;
			continue;
		}
		c->name.family = text(n, "family");
		c->name.given = text(n, "given");
		c->name.suffix = text(n, "suffix");
		join_particles(&c->name, text(n, "dropping-particle"),
		               text(n, "non-dropping-particle"));
		if (!c->name.family) {
			c->name.family = c->name.given;
			c->name.given = NULL;
		}
	}
}

static int part(json_t *a, size_t i)
{
	json_t *v = json_array_get(a, i);

	if (json_is_integer(v))
		return (int)json_integer_value(v);
	if (json_is_string(v)) {
		int n = 0;

		for (const char *s = json_string_value(v);
		     *s >= '0' && *s <= '9' && n < 100000; s++)
			n = n * 10 + (*s - '0');
		return n;
	}
	return 0;
}

static void date(colo_work *w, json_t *item)
{
	json_t *d = json_object_get(item, "issued"), *parts, *first;
	int y = 0, m = 0, dd = 0;

	if (json_is_string(d)) {
		/* Some writers put an EDTF string here: "2014-03-05". */
		const char *s = json_string_value(d);

		sscanf(s, "%d-%d-%d", &y, &m, &dd);
	} else if (json_is_object(d)) {
		parts = json_object_get(d, "date-parts");
		first = json_array_get(parts, 0);
		if (json_is_array(first)) {
			y = part(first, 0);
			m = part(first, 1);
			dd = part(first, 2);
		} else {
			const char *raw = json_string_value(json_object_get(d, "raw"));

			if (!raw)
				raw = json_string_value(json_object_get(d, "literal"));
			if (raw) {
				for (; *raw && !(*raw >= '0' && *raw <= '9'); raw++)
					;
				sscanf(raw, "%d-%d-%d", &y, &m, &dd);
			}
		}
	}
	if (y > 0 && y < 10000) {
		w->year = y;
		w->month = m >= 1 && m <= 12 ? m : 0;
		w->day = w->month && dd >= 1 && dd <= 31 ? dd : 0;
	}
}

static bool build(colo_batch *b, json_t *item, const char **why)
{
	colo_work *w;
	long wi;
	char *type = text(item, "type"), *title = text(item, "title"), *doi;

	if (!type) {
		*why = "item has no \"type\"";
		free(title);
		return false;
	}
	if (!title && !json_object_get(item, "DOI")) {
		*why = "item has no \"title\"";
		free(type);
		return false;
	}
	wi = colo_batch_add_work(b);
	w = &b->works[wi];
	w->type = type;
	w->title = title;
	{
		/* CSL-JSON has no subtitle: "Title: Subtitle" with a
		 * title-short of "Title" is split back into the two. */
		char *shortt = text(item, "title-short");
		size_t sl = shortt ? strlen(shortt) : 0;

		if (title && sl && strncmp(title, shortt, sl) == 0 &&
		    title[sl] == ':' && title[sl + 1] == ' ' && title[sl + 2]) {
			w->subtitle = colo_xstrdup(title + sl + 2);
			title[sl] = '\0';
		}
		free(shortt);
	}
	w->citekey = text(item, "id");
	if (w->citekey) {
		colo_buf k;

		colo_buf_init(&k, 0);
		for (const char *p = w->citekey; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("_:./+-", *p))
				colo_buf_putc(&k, *p);
		free(w->citekey);
		w->citekey = k.len ? colo_buf_steal(&k) : NULL;
		colo_buf_cleanup(&k);
	}
	names(w, item, "author", COLO_ROLE_AUTHOR);
	names(w, item, "editor", COLO_ROLE_EDITOR);
	names(w, item, "translator", COLO_ROLE_TRANSLATOR);
	date(w, item);
	set(&w->container, item, "container-title");
	set(&w->series, item, "collection-title");
	set(&w->publisher, item, "publisher");
	set(&w->place, item, "publisher-place");
	set(&w->volume, item, "volume");
	set(&w->issue, item, "issue");
	set(&w->issue, item, "number");
	set(&w->pages, item, "page");
	set(&w->edition, item, "edition");
	doi = text(item, "DOI");
	if (doi) {
		w->doi = colo_import_clean_doi(doi, strlen(doi));
		free(doi);
	}
	set(&w->isbn, item, "ISBN");
	set(&w->issn, item, "ISSN");
	set(&w->url, item, "URL");
	set(&w->note, item, "note");
	set(&w->abstract, item, "abstract");
	set(&w->language, item, "language");
	set(&w->genre, item, "genre");
	set(&w->archive, item, "archive");
	set(&w->eprint, item, "archive_location");
	{
		json_t *kw = json_object_get(item, "keyword"), *e;
		size_t k;

		if (json_is_string(kw))
			colo_work_add_keywords(w, json_string_value(kw),
			                       json_string_length(kw), ",");
		else if (json_is_array(kw))
			json_array_foreach(kw, k, e)
				if (json_is_string(e))
					colo_work_add_keyword(w, json_string_value(e),
					                      json_string_length(e));
	}
	return true;
}

bool colo_csljson_parse(const char *data, size_t len, colo_batch *out,
                        colo_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	pos *where = NULL;
	size_t nwhere = 0, i;
	json_t *item;
	bool ok = false;

	if (!root) {
		colo_error_set_at(err, COLO_EINPUT, (unsigned)(je.line > 0 ? je.line : 0),
		                  (unsigned)(je.column > 0 ? je.column : 0),
		                  "not CSL-JSON: %s", je.text);
		return false;
	}
	if (json_is_object(root)) {
		json_t *arr = json_array();

		json_array_append(arr, root);
		json_decref(root);
		root = arr;
	} else if (!json_is_array(root)) {
		colo_error_set_at(err, COLO_EINPUT, 1, 1,
		                  "not CSL-JSON: expected an array of items");
		goto done;
	} else {
		where = item_positions(data, len, &nwhere);
	}
	json_array_foreach(root, i, item) {
		const char *why = "item is not an object";
		unsigned line = i < nwhere ? where[i].line : 1;
		unsigned col = i < nwhere ? where[i].col : 1;

		if (!json_is_object(item) || !build(out, item, &why)) {
			colo_batch_diag(out, line, col, "%s (item %zu); skipped", why,
			                i + 1);
			continue;
		}
		out->works[out->nworks - 1].span.start = 0;
		out->works[out->nworks - 1].span.end = 0;
	}
	if (out->nworks == 0) {
		if (out->ndiags)
			colo_error_set_at(err, COLO_EINPUT, out->diags[0].line,
			                  out->diags[0].col, "%s; no item could be read",
			                  out->diags[0].message);
		else
			colo_error_set(err, COLO_EINPUT, "no CSL-JSON items found");
		goto done;
	}
	ok = true;
done:
	free(where);
	json_decref(root);
	return ok;
}

int colo_csljson_sniff(const char *data, size_t len)
{
	size_t i = 0, probe = len < 65536 ? len : 65536;

	if (probe >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < probe && (data[i] == ' ' || data[i] == '\n' ||
	                     data[i] == '\r' || data[i] == '\t'))
		i++;
	if (i >= probe || (data[i] != '[' && data[i] != '{'))
		return 0;
	for (size_t j = i; j + 6 <= probe; j++)
		if (memcmp(data + j, "\"type\"", 6) == 0)
			return 90;
	return 20;
}
