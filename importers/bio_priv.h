/* bio_priv.h - the bio importer's limits, shared with its tests.
 *
 * These caps keep the reader linear on hostile input: a sentence longer
 * than MAX_SENT_TOKENS tokens is not a bio sentence and is skipped whole,
 * and lists, people and sentences stop growing at their caps (the batch
 * gets a diagnostic when a cap is reached). */
#ifndef COLOPHON_BIO_PRIV_H
#define COLOPHON_BIO_PRIV_H

#define COLO_BIO_MAX_SENT_TOKENS 1500
#define COLO_BIO_MAX_SENTENCES 200000
#define COLO_BIO_MAX_PEOPLE 1000
#define COLO_BIO_MAX_WORKS 5000
#define COLO_BIO_MAX_VENUES 2000
#define COLO_BIO_MAX_LIST 100

#endif
