/* linker.h - finds known titles, venue names, ISBNs and DOIs in free text.
 *
 * A multi-pattern matcher in the manner of Aho–Corasick, run over words
 * rather than bytes: text and patterns are cut into the same normalised
 * words (NFKC, case-folded, accents stripped, "&" read as "and", anything
 * that is not a letter or digit a separator, hyphenated digit runs such as
 * ISBNs joined), each word is looked up once in a hash table of the words
 * the patterns use, and a trie over word ids with failure links reports
 * every pattern ending at that word.  A scan costs one hash of each word
 * plus amortised O(1) trie steps, so it is linear in the text's length
 * whatever the number of patterns.  Matches are whole words only.
 *
 * Not a store client: callers load the patterns (colo_store_load_patterns
 * in store_links.h does it from the database) and decide what a match
 * means. */
#ifndef COLOPHON_LINKER_H
#define COLOPHON_LINKER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum colo_pattern_kind {
	COLO_PAT_TITLE = 0,       /* a work's full title (with subtitle) */
	COLO_PAT_SHORT_TITLE = 1, /* the title before the colon */
	COLO_PAT_VENUE = 2,       /* a venue's name or alias */
	COLO_PAT_ISBN = 3,
	COLO_PAT_DOI = 4
} colo_pattern_kind;

/* Flags for colo_linker_add. */
enum {
	/* A one-word pattern only matches where the text writes it with a
	 * capital (or non-ASCII) first letter: "Grounded", not "grounded". */
	COLO_PAT_CAPITAL = 1u
};

/* Patterns longer than this many words are refused. */
#define COLO_LINKER_MAX_WORDS 64

typedef struct colo_linker colo_linker;

typedef struct colo_linker_match {
	size_t start, end; /* byte range of the match in the scanned text */
	colo_pattern_kind kind;
	size_t target;     /* the caller's value given to colo_linker_add */
	unsigned nwords;   /* the pattern's length in words */
} colo_linker_match;

/* Called for every match, in order of the match's end; overlapping and
 * nested matches are all reported.  Return false to stop the scan. */
typedef bool (*colo_linker_fn)(void *ud, const colo_linker_match *m);

/* Never NULL; colo_linker_destroy frees it (NULL is fine). */
colo_linker *colo_linker_new(void);
void colo_linker_destroy(colo_linker *lk);

/* Adds a pattern.  Returns false (and adds nothing) when s normalises to
 * no words or to more than COLO_LINKER_MAX_WORDS.  The same words may be
 * added for several targets; each is reported. */
bool colo_linker_add(colo_linker *lk, const char *s, size_t len,
                     colo_pattern_kind kind, size_t target, unsigned flags);

size_t colo_linker_count(const colo_linker *lk); /* patterns added */

/* Scans text[0..len) (UTF-8; invalid bytes are separators), calling fn for
 * each match.  Computes the failure links first when patterns were added
 * since the last scan.  Returns the number of matches reported. */
size_t colo_linker_scan(colo_linker *lk, const char *text, size_t len,
                        colo_linker_fn fn, void *ud);

/* The normalised words of s joined by single spaces, as the matcher sees
 * them (for tests and diagnostics).  Caller frees. */
char *colo_linker_normalise(const char *s, size_t len);

#endif
