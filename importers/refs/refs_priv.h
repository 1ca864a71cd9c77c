/* refs_priv.h - the reference importer's two halves that need no model,
 * shared with their table tests: cutting a list into references
 * (split.c) and turning one labelled reference into a work (fields.c).
 * Not a public interface; importers/refs/refs.c joins them to the
 * labeller (colophon/refs.h). */
#ifndef COLOPHON_REFS_PRIV_H
#define COLOPHON_REFS_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/model.h"
#include "colophon/refs.h"

/* A reference longer than this is not one (a paragraph of prose, a
 * runaway line): it is reported and skipped, which also keeps every later
 * stage's cost bounded per reference. */
#define COLO_REFS_MAX_REF_BYTES (64u * 1024u)

/* What a section heading says about the references under it. */
typedef struct colo_refs_hint {
	const char *type; /* CSL type ("book", "chapter", ...) or NULL */
	bool edited;      /* "Edited Volumes": the names are editors */
} colo_refs_hint;

/* One reference as cut from the input. */
typedef struct colo_refs_entry {
	char *text; /* NUL-terminated: its lines joined with single spaces,
	               words hyphenated across a line break rejoined, the
	               list marker and Markdown emphasis removed */
	size_t len;
	size_t start, end; /* its bytes in the input, marker included */
	unsigned line, col; /* 1-based position of start (col in bytes) */
	long number;        /* the citation number ("[12]", "12."); -1: none */
	colo_refs_hint hint;
} colo_refs_entry;

typedef struct colo_refs_list {
	colo_refs_entry *items;
	size_t n, cap;
	size_t headings; /* section headings seen */
} colo_refs_list;

/* Cuts text (not NUL-terminated, any bytes) into references: one per
 * list item (bullets, "[12]", "12.", "(12)"), per blank-line-separated
 * paragraph, or per line of a block, where a line continues the
 * reference above it when it is indented under it, starts in lower case
 * or with a digit, or follows a line that cannot end one (a hyphen, a
 * comma, an initial, no closing punctuation); lines that read as
 * headings ("Books", "## Journal Articles") are not references but set
 * the hint of those below.  With `lines`, every non-empty line that is
 * not a heading is one reference.  Time and memory are linear in len.
 * out is initialised here; free with colo_refs_list_cleanup. */
void colo_refs_split(const char *text, size_t len, bool lines,
                     colo_refs_list *out);
void colo_refs_list_cleanup(colo_refs_list *l);

/* The hint a heading gives ("Book Chapters" -> chapter); type NULL when
 * the words are not a heading's (then the return is false). */
bool colo_refs_heading_hint(const char *s, size_t len, colo_refs_hint *out);

/* Turns one labelled reference into a work: names split into creators
 * ("Farley, R., & Smith, J.", "R. Farley and J. Smith", "Farley RM,
 * Smith J, et al."; editors from "(Eds.)" or "ed. by"), title and
 * subtitle split at ": ", dates, volume, issue, pages ("pp. 12–34" ->
 * "12-34"), edition ("2nd ed." -> "2"), DOI, URL, ISBN (as ISBN-13),
 * arXiv ids, and a CSL type from what was found and the section hint.
 * w must be initialised (colo_work_init); the caller cleans it up.
 * Returns false, with a one-line reason in *why (static), when the text
 * holds no reference: no title, or a title with nothing else. */
bool colo_refs_make_work(const char *s, size_t len, const colo_ref_segment *segs,
                         size_t nsegs, colo_refs_hint hint, colo_work *w,
                         const char **why);

/* Parses a list of names as references write them into w's creators with
 * `role`; *etal is set when the list ends in "et al." (or "and others"). */
void colo_refs_add_names(colo_work *w, const char *s, size_t len,
                         colo_creator_role role, bool *etal);

#endif
