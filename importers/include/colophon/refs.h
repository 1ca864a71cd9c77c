/* refs.h - reference strings: the sequence labeller and the importer.
 *
 * The labeller (importers/refs/label.c) cuts one reference string into
 * labelled segments with a linear-chain model (averaged structured
 * perceptron, Viterbi decoding, two stacked stages) over tokens: words,
 * numbers and single punctuation marks, URLs and DOIs whole.  Its model
 * is trained by the stand-alone tool importers/refs/train.c from labelled
 * references, committed as importers/refs/model.txt, compiled into the
 * library, and can be replaced at run time (COLOPHON_REFS_MODEL=FILE).
 * docs/REFS_MODEL.md has the details and the scores.
 *
 * The importer (importers/refs/refs.c) splits a publication list or
 * bibliography (text, Markdown or HTML) into references, labels each one
 * and turns the segments into works. */
#ifndef COLOPHON_REFS_H
#define COLOPHON_REFS_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"
#include "colophon/model.h"

typedef enum colo_ref_label {
	COLO_REF_NONE = 0, /* punctuation or words that belong to no field */
	COLO_REF_CITATION_NUMBER,
	COLO_REF_AUTHOR,
	COLO_REF_EDITOR,
	COLO_REF_TRANSLATOR,
	COLO_REF_TITLE,
	COLO_REF_CONTAINER,  /* journal, book, proceedings: container-title */
	COLO_REF_COLLECTION, /* series: collection-title */
	COLO_REF_PUBLISHER,  /* publisher, institution, organisation */
	COLO_REF_LOCATION,   /* place of publication */
	COLO_REF_DATE,
	COLO_REF_VOLUME,
	COLO_REF_ISSUE,
	COLO_REF_PAGES,
	COLO_REF_EDITION,
	COLO_REF_GENRE, /* "PhD thesis", "Technical report" */
	COLO_REF_DOI,
	COLO_REF_URL,
	COLO_REF_ISBN,
	COLO_REF_ARXIV, /* arXiv identifier */
	COLO_REF_NOTE,
	COLO_REF_NLABELS
} colo_ref_label;

/* "author", "container-title", ...: the names the training data uses. */
const char *colo_ref_label_name(colo_ref_label l);
/* COLO_REF_NLABELS when the name is unknown; maps the training data's
 * synonyms ("journal" -> container, "org" -> publisher, ...). */
colo_ref_label colo_ref_label_parse(const char *name);

typedef struct colo_ref_segment {
	colo_ref_label label;
	size_t start, end; /* byte offsets into the reference string */
} colo_ref_segment;

typedef struct colo_ref_model colo_ref_model;

/* The compiled-in model, or the one named by COLOPHON_REFS_MODEL; loaded
 * once.  NULL with err set (COLO_EINPUT naming the file and line) when
 * that file cannot be read or parsed. */
const colo_ref_model *colo_ref_model_default(colo_error *err);

/* Parses a model file's bytes.  *out is NULL on failure (COLO_EINPUT). */
bool colo_ref_model_load(const char *data, size_t len, colo_ref_model **out,
                         colo_error *err);
void colo_ref_model_destroy(colo_ref_model *m);

/* Labels one reference string (UTF-8, not NUL-terminated).  *segs
 * (caller frees) gets maximal runs of tokens with one label, in order,
 * spans trimmed of surrounding whitespace; runs labelled COLO_REF_NONE
 * (punctuation between fields, "pp.", a leading "In") are included, and
 * fields exclude the punctuation at their edges ("(2011)." gives the date
 * "2011").  Time and memory are linear in len.  Fails only on invalid
 * UTF-8 or a NUL byte (COLO_EINPUT with the column); *segs is then NULL
 * and *nsegs 0.  The model is not modified: one model may label from
 * several threads. */
bool colo_ref_label_string(const colo_ref_model *m, const char *s, size_t len,
                           colo_ref_segment **segs, size_t *nsegs,
                           colo_error *err);

/* The importer's entry points (see importer.h). */
int colo_refs_sniff(const char *data, size_t len);
bool colo_refs_parse(const char *data, size_t len, colo_batch *out,
                     colo_error *err);

typedef struct colo_refs_opts {
	const char *author; /* whose list it is: "Farley, R." links to them */
	bool lines;         /* one reference per non-empty line */
} colo_refs_opts;

bool colo_refs_parse_opts(const char *data, size_t len,
                          const colo_refs_opts *opts, colo_batch *out,
                          colo_error *err);

#endif
