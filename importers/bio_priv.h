/* bio_priv.h - the bio importer's limits, shared with its tests.
 *
 * These caps keep the reader linear on hostile input: a sentence longer
 * than COLO_BIO_MAX_SENT_BYTES bytes is not a bio sentence and is skipped
 * whole, and lists, people and sentences stop growing at their caps.  Each
 * skipped sentence and each cap reached becomes a diagnostic in the batch
 * (past COLO_BIO_MAX_DIAGS diagnostics, skips are only counted). */
#ifndef COLOPHON_BIO_PRIV_H
#define COLOPHON_BIO_PRIV_H

#define COLO_BIO_MAX_SENT_BYTES 4000
#define COLO_BIO_MAX_SENTENCES 200000
#define COLO_BIO_MAX_PEOPLE 1000
#define COLO_BIO_MAX_WORKS 5000
#define COLO_BIO_MAX_VENUES 2000
#define COLO_BIO_MAX_LIST 100 /* items per list, facts of one kind per person */
#define COLO_BIO_MAX_DIAGS 100

#endif
