/* importer.h - the shape every reader has, and the registry of readers.
 *
 * An importer turns bytes into a colo_batch: it never touches the store.
 * Malformed entries among good ones become diagnostics in the batch (and
 * are counted as skipped); input with nothing usable is an error. */
#ifndef COLOPHON_IMPORTER_H
#define COLOPHON_IMPORTER_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

typedef struct colo_importer {
	const char *name;    /* "bio" */
	const char *summary; /* one line for --help */
	/* Likelihood that data is this kind of input, 0 (no) to 100. */
	int (*sniff)(const char *data, size_t len);
	/* Parses data into out (initialised by the caller).  Fails with
	 * COLO_EINPUT and a position when nothing usable is found. */
	bool (*parse)(const char *data, size_t len, colo_batch *out,
	              colo_error *err);
} colo_importer;

/* The registry, in --help order; NULL-terminated. */
extern const colo_importer *const colo_importers[];

const colo_importer *colo_importer_find(const char *name);

/* The importer whose sniff scores data highest, above `threshold`, among
 * those `accept` lets through (NULL accepts all); NULL when none does. */
const colo_importer *colo_importer_sniff(const char *data, size_t len,
                                         int threshold,
                                         bool (*accept)(const colo_importer *));

/* The bio importer (importers/bio.c). */
bool colo_bio_parse(const char *data, size_t len, colo_batch *out,
                    colo_error *err);
int colo_bio_sniff(const char *data, size_t len);

#endif
