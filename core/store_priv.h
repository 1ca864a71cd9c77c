/* store_priv.h - what the store's files share: the handle's insides and
 * the BSON-to-model readers.  Only core/store*.c include this (they are
 * the only files that may include mongoc and bson). */
#ifndef COLOPHON_STORE_PRIV_H
#define COLOPHON_STORE_PRIV_H

#include <mongoc/mongoc.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/store.h"

struct colo_store {
	mongoc_client_t *client;
	mongoc_database_t *db;
	mongoc_collection_t *people, *works, *venues, *links, *sources, *meta;
	char *dbname;
	char *masked_uri; /* for messages */
	char *password;   /* scrubbed from driver messages; NULL if none */
};

/* COLO_EDB: "<what>: <driver or server message>", the URI's password
 * scrubbed from the message. */
void colo_store_fail(const colo_store *s, colo_error *err,
                     const bson_error_t *e, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Fill a model record from a stored document (p and w zeroed by the
 * caller; everything copied, caller cleans up). */
void colo_store_read_person(const bson_t *d, colo_person *p);
void colo_store_read_work(const bson_t *d, colo_work *w);

#endif
