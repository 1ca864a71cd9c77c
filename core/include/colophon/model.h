/* model.h - Colophon's record model: people, works, venues, links, sources.
 *
 * Works follow CSL-JSON's vocabulary (type names, variables) so mapping to
 * BibTeX, BibLaTeX, RIS and CSL-JSON is one table per format.  An importer
 * fills a colo_batch; records inside a batch point at each other by index
 * (creators at people, works at venues, links at anything).  The store
 * resolves indices into ids when it saves the batch.
 *
 * Every extracted value may carry a colo_span: the byte range of the source
 * it came from (provenance).  A span with end == 0 means "no evidence".
 *
 * Ownership: a batch owns everything added to it; strings are heap copies
 * (set them with colo_set_str). */
#ifndef COLOPHON_MODEL_H
#define COLOPHON_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/name.h"

typedef struct colo_span {
	size_t start; /* byte offset of the first byte */
	size_t end;   /* byte offset just past the last byte; 0: no span */
} colo_span;

typedef struct colo_degree {
	char *degree;      /* as written, spaces squashed: "Ph.D." */
	char *degree_norm; /* normalised: "PhD", "BS", "BA", "MA", "JD" ... */
	char *field;       /* "History"; NULL when not stated */
	char *institution;
	int year; /* 0 when not stated */
	colo_span span;
} colo_degree;

typedef struct colo_affiliation {
	char *org;
	char *role; /* "taught security and diplomacy courses", "senior fellow" */
	int from;   /* 0 when not stated */
	int to;     /* 0 when not stated or current */
	bool current;
	colo_span span;
} colo_affiliation;

/* A role the person holds at a venue or organisation. */
typedef struct colo_role {
	char *role; /* "founder", "senior editor", "board member" */
	char *org;  /* display name */
	long venue; /* index into the batch's venues, or -1 */
	colo_span span;
} colo_role;

typedef struct colo_person {
	char *id;  /* store id once saved; NULL before */
	char *key; /* dedup key (colo_name_key or "orcid:...") */
	colo_name name;
	char *honorific; /* "Dr." */
	char *orcid;
	char **variants; /* name variants as seen in sources */
	size_t nvariants, capvariants;
	colo_degree *degrees;
	size_t ndegrees, capdegrees;
	colo_affiliation *affiliations;
	size_t naffiliations, capaffiliations;
	colo_role *roles;
	size_t nroles, caproles;
	colo_span span; /* where the person is named */
} colo_person;

typedef enum colo_creator_role {
	COLO_ROLE_AUTHOR = 0,
	COLO_ROLE_EDITOR = 1,
	COLO_ROLE_TRANSLATOR = 2
} colo_creator_role;

typedef struct colo_creator {
	colo_creator_role role;
	colo_name name; /* as the work names the creator */
	long person;    /* index into the batch's people, or -1 */
	char *person_id; /* store id, set when read from the store */
} colo_creator;

/* The bit of colo_work.creators_more for a role. */
#define COLO_MORE(role) (1u << (unsigned)(role))

typedef struct colo_work {
	char *id;      /* store id once saved */
	char *key;     /* dedup key, see colo_work_key */
	char *citekey; /* citation key; stored once assigned */
	char *type;    /* CSL type: "book", "article-journal", ... */
	char *title;
	char *subtitle;
	colo_creator *creators;
	size_t ncreators, capcreators;
	int year, month, day; /* issued; 0 when unknown */
	char *publisher;
	char *place;
	char *container; /* container title (journal, book, site) */
	long venue;      /* index into the batch's venues, or -1 */
	char *venue_id;  /* store id, set when read from the store */
	char *volume, *issue, *pages, *edition;
	char *doi, *isbn, *issn, *url;
	char *note;
	colo_span span;
	/* Structured imports (BibTeX, RIS, CSL-JSON) fill these too. */
	char *title_markup; /* the title with case-protected spans kept in
	                       braces ("The {NASA} Mission"); NULL when the
	                       source protected nothing */
	char *genre;    /* thesis or report kind: "PhD thesis" */
	char *series;   /* CSL collection-title */
	char *abstract;
	char *language;
	char *archive;  /* preprint server: "arXiv", "bioRxiv", "SSRN" */
	char *eprint;   /* the identifier there: "2101.00001" */
	char *crossref; /* citation key of the parent entry, as given */
	/* Subject keywords in source order, each trimmed and with its spaces
	 * squashed, no repeats (colo_work_add_keyword). */
	char **keywords;
	size_t nkeywords, capkeywords;
	size_t *kwindex; /* colo_work_add_keyword's hash of keywords (index + 1
	                    per slot), made past 16 keywords; private */
	size_t capkwindex;
	/* COLO_MORE(role) set: the source's list of that role was truncated
	 * (BibTeX "and others", "et al." in a reference). */
	unsigned creators_more;
	/* Values other sources gave for a field this work already had (read
	 * from the store; docs/SCHEMA.md "Duplicates"). */
	struct colo_alternative *alts;
	size_t nalts, capalts;
} colo_work;

typedef struct colo_alternative {
	char *field;  /* "title", "issued", "creators", ... */
	char *value;  /* as the other source gave it */
	char *source; /* sources _id; NULL when unknown */
} colo_alternative;

typedef struct colo_venue {
	char *id;
	char *key;  /* dedup key, see colo_venue_key */
	char *name; /* display name: "The Diplomat" */
	char *kind; /* journal, magazine, newspaper, blog, website, publisher,
	               series, organisation, periodical */
	char *edition; /* "APAC" for "The Diplomat: APAC"; NULL if none */
	char **aliases;
	size_t naliases, capaliases;
	char *issn, *url;
	colo_span span;
} colo_venue;

typedef enum colo_kind {
	COLO_KIND_PERSON = 0,
	COLO_KIND_WORK = 1,
	COLO_KIND_VENUE = 2
} colo_kind;

typedef struct colo_link {
	colo_kind from_kind;
	long from; /* batch index */
	colo_kind to_kind;
	long to;
	char *relation; /* cites, mentions, writes-for, founded, edits, ... */
	char *role;     /* qualifier: "senior editor"; NULL if none */
	double confidence;
	colo_span span;
} colo_link;

/* What was imported. */
typedef struct colo_source {
	char *id;       /* "sha256:<hex>" of the bytes */
	char *kind;     /* importer name: bio, refs, bibtex, ... */
	char *origin;   /* path, URL or "-" for stdin */
	char *importer; /* "colophon-bio 0.1.0" */
	size_t size;
} colo_source;

/* A problem an importer reported and moved past (an entry it skipped). */
typedef struct colo_diag {
	unsigned line, col; /* 1-based; 0 when unknown */
	char *message;      /* one line, no position, no trailing newline */
} colo_diag;

typedef struct colo_batch {
	colo_source source;
	colo_diag *diags;
	size_t ndiags, capdiags;
	colo_person *people;
	size_t npeople, cappeople;
	colo_work *works;
	size_t nworks, capworks;
	colo_venue *venues;
	size_t nvenues, capvenues;
	colo_link *links;
	size_t nlinks, caplinks;
	size_t skipped; /* malformed entries reported and skipped */
	/* A BibTeX file's @preamble values, concatenated in file order as
	 * BibTeX does (TeX code, not data: docs/EXPORT.md); NULL if none. */
	char *preamble;
} colo_batch;

void colo_batch_init(colo_batch *b);
void colo_batch_cleanup(colo_batch *b);

/* Each add returns the new element's index; the element is zeroed and its
 * index fields set to -1.  The pointer from colo_batch_*_at stays valid
 * until the next add of the same kind. */
long colo_batch_add_person(colo_batch *b);
long colo_batch_add_work(colo_batch *b);
long colo_batch_add_venue(colo_batch *b);
long colo_batch_add_link(colo_batch *b, colo_kind from_kind, long from,
                         colo_kind to_kind, long to, const char *relation);

/* Finds a venue in the batch with the same dedup key, or adds one named
 * `name` of kind `kind`.  Returns its index. */
/* Records a skipped entry; also counts it in `skipped`. */
void colo_batch_diag(colo_batch *b, unsigned line, unsigned col,
                     const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

long colo_batch_intern_venue(colo_batch *b, const char *name, const char *kind);

colo_degree *colo_person_add_degree(colo_person *p);
colo_affiliation *colo_person_add_affiliation(colo_person *p);
colo_role *colo_person_add_role(colo_person *p);
void colo_person_add_variant(colo_person *p, const char *variant);
colo_creator *colo_work_add_creator(colo_work *w, colo_creator_role role);
void colo_venue_add_alias(colo_venue *v, const char *alias);

void colo_person_cleanup(colo_person *p);
void colo_work_cleanup(colo_work *w);
void colo_venue_cleanup(colo_venue *v);
void colo_work_init(colo_work *w);

/* Dedup keys (see docs/SCHEMA.md).  Each returns a new string the caller
 * frees, computed only from the record's own fields. */
char *colo_person_key(const colo_person *p);
char *colo_work_key(const colo_work *w);
char *colo_venue_key(const colo_venue *v);

/* Fills the key fields of every record in the batch that lacks one. */
void colo_batch_compute_keys(colo_batch *b);

const char *colo_creator_role_name(colo_creator_role r); /* "author" */
bool colo_creator_role_parse(const char *s, colo_creator_role *out);

/* A list of works read from the store; owns its elements. */
typedef struct colo_work_list {
	colo_work *items;
	size_t n, cap;
} colo_work_list;

void colo_work_list_init(colo_work_list *l);
void colo_work_list_cleanup(colo_work_list *l);
colo_work *colo_work_list_push(colo_work_list *l);

typedef struct colo_person_list {
	colo_person *items;
	size_t n, cap;
} colo_person_list;

void colo_person_list_init(colo_person_list *l);
void colo_person_list_cleanup(colo_person_list *l);
colo_person *colo_person_list_push(colo_person_list *l);

/* ---- duplicate detection (structured imports; docs/SCHEMA.md) ---------- */

/* ISBN-10 or ISBN-13 as 13 digits (an ISBN-10 converted, check digit
 * recomputed); other lengths: the digits as given.  Caller frees. */
char *colo_isbn13(const char *isbn);

/* Whether w looks like a preprint: CSL type "article" with no container,
 * a preprint server's DOI prefix (10.48550 arXiv, 10.1101 bioRxiv/medRxiv,
 * 10.2139/ssrn, 10.31234 PsyArXiv, 10.21203/rs. Research Square), or a
 * server's name in archive, container or publisher, or its URL. */
bool colo_work_is_preprint(const colo_work *w);

/* The normalised title used to find duplicates: colo_text_normkey of
 * title + " " + subtitle; "" when there is no title.  Caller frees. */
char *colo_work_title_norm(const colo_work *w);

/* "Title: Subtitle" for the formats with no subtitle field ("Why War?" +
 * "Essays" reads "Why War? Essays"); title and subtitle must both be
 * set.  Caller frees. */
char *colo_work_title_joined(const colo_work *w);

typedef enum colo_dup {
	COLO_DUP_NO = 0,      /* different works */
	COLO_DUP_SAME = 1,    /* the same work seen again: merge */
	COLO_DUP_VERSION = 2  /* a preprint and its published version: link */
} colo_dup;

/* Zotero's rule: the same DOI or ISBN is the same work; else the same
 * normalised title, years within one (when both are known) and a shared
 * creator (family name, and first initial when both have given names;
 * works without creators on both sides pass).  A different DOI or a
 * different ISBN vetoes.  When exactly one side is a preprint the answer
 * is COLO_DUP_VERSION instead of COLO_DUP_SAME. */
colo_dup colo_work_duplicate(const colo_work *a, const colo_work *b);

/* Gives every creator with a family name a person record in the batch
 * (one per name key, colo_name_key), so the people of a structured import
 * can be found by name (`colophon works`).  Creators that already point
 * at a person, and corporate (literal) names, are left alone. */
void colo_batch_add_creator_people(colo_batch *b);

/* Adds a copy of the keyword s[0..len) to w: spaces at the ends trimmed, runs of
 * white space made one space.  An empty keyword, one w already has, and
 * any past the COLO_MAX_KEYWORDS-th are not added (false then). */
#define COLO_MAX_KEYWORDS 1000
bool colo_work_add_keyword(colo_work *w, const char *s, size_t len);

/* Adds each part of s[0..len) between the characters of `seps` as a
 * keyword (colo_work_add_keyword). */
void colo_work_add_keywords(colo_work *w, const char *s, size_t len,
                            const char *seps);

/* Appends an alternative value to w (copies the strings). */
void colo_work_add_alternative(colo_work *w, const char *field,
                               const char *value, const char *source);

#endif
