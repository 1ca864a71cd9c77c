/* store_query.h - read-side queries for "what has this author written?":
 * filtered, sorted works of one person and a person's profile figures.
 *
 * A person's works are read by `_id` (their ids from `person_works`,
 * docs/SCHEMA.md), then filtered (type, years, role, venue) and sorted
 * in the application; links by `from` (indexed).
 * Errors: COLO_EDB with the server's message. */
#ifndef COLOPHON_STORE_QUERY_H
#define COLOPHON_STORE_QUERY_H

#include <stdbool.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

typedef enum colo_work_sort {
	COLO_SORT_YEAR = 0, /* newest first, then title */
	COLO_SORT_TITLE,
	COLO_SORT_VENUE
} colo_work_sort;

typedef struct colo_works_query {
	const char *person_id; /* required */
	const char *type;      /* CSL type; "article" means any article-* */
	int since, until;      /* issued year bounds, inclusive; 0: open */
	const char *venue;     /* container or venue name, normalised compare */
	int role;              /* colo_creator_role, or -1 for any */
	colo_work_sort sort;
} colo_works_query;

void colo_works_query_init(colo_works_query *q);

/* Appends the matching works to *out (initialised by the caller). */
bool colo_store_works_query(colo_store *s, const colo_works_query *q,
                            colo_work_list *out, colo_error *err);

typedef struct colo_count {
	char *label; /* type name, year, venue or co-author */
	long long n;
} colo_count;

typedef struct colo_count_list {
	colo_count *items;
	size_t n, cap;
} colo_count_list;

void colo_count_list_cleanup(colo_count_list *l);

typedef struct colo_person_profile {
	colo_count_list by_type;   /* works per CSL type, most first */
	colo_count_list by_year;   /* works per year, oldest first */
	colo_count_list coauthors; /* people sharing works, most first */
	colo_count_list venues;    /* "relation: venue" links from the person */
	long long works;
} colo_person_profile;

void colo_person_profile_cleanup(colo_person_profile *p);

/* Counts for `author show`, from the person's works (as
 * colo_store_works_query reads them): types (most first), years
 * (ascending), co-authors (most first, at most 50), venue links. */
bool colo_store_person_profile(colo_store *s, const char *person_id,
                               colo_person_profile *out, colo_error *err);

#endif
