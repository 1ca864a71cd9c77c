/* store_cache.h - the HTTP response cache in the store (collection
 * `http_cache`, see docs/SCHEMA.md), used by core/fetch.c so that
 * repeated runs do not fetch the same metadata again.
 *
 * One document per (URL, Accept) pair: the answer's status, Content-Type,
 * ETag and Last-Modified (for conditional GETs), the body, its SHA-256 and
 * when it was fetched.  A body whose stored hash does not match is treated
 * as absent.  Only successful (2xx) answers are kept.  Errors: COLO_EDB
 * with the server's message. */
#ifndef COLOPHON_STORE_CACHE_H
#define COLOPHON_STORE_CACHE_H

#include <stdbool.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/store.h"

typedef struct colo_cache_entry {
	char *url;           /* the URL asked for */
	char *accept;        /* the Accept header sent; NULL: none */
	char *final_url;     /* where the body came from after redirects */
	long status;         /* 2xx */
	char *content_type;  /* these three may be NULL */
	char *etag;
	char *last_modified;
	colo_buf body;
	char body_sha256[65]; /* lower-case hex; filled by put and get */
	long long fetched_at; /* seconds since the epoch: the last time the
	                       * server confirmed this body (200 or 304) */
} colo_cache_entry;

void colo_cache_entry_init(colo_cache_entry *e);
void colo_cache_entry_cleanup(colo_cache_entry *e);

/* Looks up (url, accept).  *found says whether an intact entry exists;
 * when it does, e (initialised by the caller) is filled. */
bool colo_store_cache_get(colo_store *s, const char *url, const char *accept,
                          colo_cache_entry *e, bool *found, colo_error *err);

/* Inserts or replaces the entry for (e->url, e->accept), computing
 * e->body_sha256.  Idempotent. */
bool colo_store_cache_put(colo_store *s, colo_cache_entry *e, colo_error *err);

/* After a 304: records that the stored body was confirmed at fetched_at
 * (and the server's new validators when not NULL). */
bool colo_store_cache_touch(colo_store *s, const char *url, const char *accept,
                            long long fetched_at, const char *etag,
                            const char *last_modified, colo_error *err);

/* Drops the entries for url (every Accept).  Dropping nothing is fine. */
bool colo_store_cache_forget(colo_store *s, const char *url, colo_error *err);

#endif
