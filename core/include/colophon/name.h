/* name.h - personal and corporate names: parsing, formatting, matching keys.
 *
 * A colo_name holds parts as BibTeX and CSL understand them.  Corporate
 * names set only `literal`.  Parsing accepts "Given Family", "Family, Given",
 * "Family, Suffix, Given", initials ("R. Farley"), particles ("van Gogh",
 * "de la Fontaine") and suffixes ("Jr.", "III"). */
#ifndef COLOPHON_NAME_H
#define COLOPHON_NAME_H

#include <stdbool.h>
#include <stddef.h>

typedef struct colo_name {
	char *given;    /* NULL when absent */
	char *family;
	char *particle; /* "van", "de la" */
	char *suffix;   /* "Jr.", "III" */
	char *literal;  /* organisations and unparsable names; else NULL */
} colo_name;

void colo_name_init(colo_name *n);
void colo_name_cleanup(colo_name *n);
void colo_name_copy(colo_name *dst, const colo_name *src);

/* Parses a personal name written in any of the shapes above.  Leading
 * honorifics must already be removed (see colo_name_split_honorific).
 * Always fills *out (literal when nothing else fits). */
void colo_name_parse(const char *s, size_t len, colo_name *out);

/* If s starts with an honorific ("Dr.", "Prof.", "Mr.", "Ms.", "Mrs.",
 * military ranks), returns its length including the following space and
 * stores a normalised copy ("Dr.") in *honorific (caller frees); else 0. */
size_t colo_name_split_honorific(const char *s, size_t len, char **honorific);

/* "Given Particle Family Suffix" (display order); caller frees. */
char *colo_name_display(const colo_name *n);

/* The person dedup key: "name:" + normalised "family|given" (particle joined
 * to family); caller frees. */
char *colo_name_key(const colo_name *n);

/* Normalised family name (particle included, folded), for indexes and
 * queries; caller frees. */
char *colo_name_family_norm(const colo_name *n);

/* Whether a query name (possibly only a family name, or initials) can refer
 * to the stored name: families equal after folding; given names compatible
 * (absent, equal, or one an initial of the other). */
bool colo_name_matches(const colo_name *query, const colo_name *stored);

#endif
