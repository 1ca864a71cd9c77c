/* search.h - search tokens and the search query language.
 *
 * Colophon cannot use $text (FerretDB lacks it), so every work carries an
 * array of tokens that the store indexes: words of the title, subtitle,
 * creators and venue, case-folded, accent-stripped and lightly stemmed,
 * once plain and once prefixed by their field ("t:" title, "a:" creator,
 * "v:" venue/publisher).  A query is words and field:value terms:
 *   grounded air force
 *   author:farley year:2014..2020 type:book title:battleship venue:wildside */
#ifndef COLOPHON_SEARCH_H
#define COLOPHON_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

typedef struct colo_strv {
	char **items;
	size_t n, cap;
} colo_strv;

void colo_strv_cleanup(colo_strv *v);
/* Adds a copy of s unless it is already there. */
void colo_strv_add(colo_strv *v, const char *s);

/* Light English stemming of one folded token, in place: plural and
 * possessive endings, -ing, -ed ("battleships" → "battleship",
 * "abolishing" → "abolish"). */
void colo_search_stem(char *token);

/* Folded, stemmed tokens of text, each prefixed with `prefix` (may be ""). */
void colo_search_tokens_of(const char *text, const char *prefix, colo_strv *out);

/* Every token a work is found by (plain and field-prefixed). */
void colo_search_work_tokens(const colo_work *w, colo_strv *out);

typedef struct colo_search_query {
	colo_strv all;   /* tokens every hit must carry (plain or prefixed) */
	colo_strv title; /* the same words as "t:" tokens, for ranking */
	char *type;      /* type:book */
	int since, until; /* year:2014..2020, year:2014 */
} colo_search_query;

void colo_search_query_cleanup(colo_search_query *q);

/* Parses the query language above.  Fails with COLO_EUSAGE on an unknown
 * field or a bad year range, or when nothing is left to search for. */
bool colo_search_parse(const char *text, colo_search_query *out,
                       colo_error *err);

#endif
