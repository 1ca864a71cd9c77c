/* label_priv.h - the reference labeller's insides, shared by the library
 * (label.c) and the training tool (train.c).
 *
 * The trainer must see exactly the tokens and feature hashes the library
 * sees at run time, so both call the functions declared here; nothing else
 * in Colophon should include this header. */
#ifndef COLOPHON_REFS_LABEL_PRIV_H
#define COLOPHON_REFS_LABEL_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "colophon/error.h"
#include "colophon/refs.h"

#define COLO_REFS_L COLO_REF_NLABELS

/* The most feature hashes colo_refs_features writes for one token. */
#define COLO_REFS_MAXFEAT 64

/* The most second-stage features colo_refs_stack_features adds. */
#define COLO_REFS_MAXSTACK 64

/* Tokens are decoded in windows of this many: Viterbi's back-pointers
 * then take COLO_REFS_WINDOW * COLO_REFS_L bytes whatever the input's
 * length.  No real reference comes near it. */
#define COLO_REFS_WINDOW 2048

/* A feature weight's magnitude in a model file is at most this (it is
 * stored with its label in one 32-bit word). */
#define COLO_REFS_MAXW 8000000

/* Feature hashes are kept to 48 bits (12 hex digits in the model file). */
#define COLO_REFS_HASH_MASK 0xffffffffffffULL

/* Token classes (the `cls` below). */
enum {
	COLO_RT_OPEN,  /* ( [ { < and opening quotes */
	COLO_RT_CLOSE, /* ) ] } > and closing quotes */
	COLO_RT_QUOTE, /* " and ' */
	COLO_RT_SEP,   /* , ; : */
	COLO_RT_DOT,
	COLO_RT_DASH, /* - and the Unicode dashes */
	COLO_RT_PUNCT,
	COLO_RT_INITIAL, /* one capital letter */
	COLO_RT_CAP,     /* Capitalised */
	COLO_RT_UPPER,   /* ALL CAPS, two letters or more */
	COLO_RT_LOWER,
	COLO_RT_MIXED, /* McDonald, ApJ */
	COLO_RT_YEAR,  /* 1500-2099, maybe with a letter: 2011a */
	COLO_RT_NUMBER,
	COLO_RT_ALNUM, /* 5th, A798, S08002 */
	COLO_RT_URL,
	COLO_RT_DOI,
	COLO_RT_OTHER,
	COLO_RT_NCLASSES
};

/* Dictionary cues (the `cat` below). */
enum {
	COLO_RC_NONE,
	COLO_RC_MONTH,
	COLO_RC_PAGES,   /* pp, p, pages */
	COLO_RC_VOLUME,  /* vol, volume, bd */
	COLO_RC_ISSUE,   /* no, nr, issue */
	COLO_RC_EDITOR,  /* ed, eds, editor, hrsg */
	COLO_RC_EDITION, /* edition, edn */
	COLO_RC_IN,
	COLO_RC_VENUE,  /* journal, proc, conference, transactions ... */
	COLO_RC_PUB,    /* press, university, verlag, inc ... */
	COLO_RC_PLACE,  /* common places of publication */
	COLO_RC_GENRE,  /* thesis, report, dissertation ... */
	COLO_RC_ID,     /* doi, isbn, url, retrieved, available ... */
	COLO_RC_AND,
	COLO_RC_ETAL,
	COLO_RC_TRANS,  /* trans., translated */
	COLO_RC_ORDINAL /* 2nd, 3rd, 21st */
};

typedef struct colo_refs_tok {
	size_t start, end; /* bytes of the token in the string */
	uint64_t lw;       /* hash of the lower-cased text */
	uint64_t shape;    /* Xxxx, dddd: runs kept up to four */
	uint64_t sshape;   /* Xx, d: runs collapsed */
	uint64_t pre2, pre3, suf2, suf3;
	unsigned char cls;
	unsigned char cat; /* dictionary cue (label.c's table), 0 for none */
	unsigned char space_before, space_after;
	unsigned char in_paren, in_bracket, in_quote;
	unsigned char year_seen; /* a year token came earlier */
	unsigned char sent;      /* sentence-ending full stops before, up to 5 */
	unsigned char posbin;    /* 10 * index / count */
	unsigned char after_in;  /* a field-opening "In" came earlier */
	unsigned char quote_done; /* a quotation closed earlier */
	unsigned char eds_seen;   /* "ed.", "eds.", "edited" came earlier */
	/* The sentence the token is in (tokens between sentence-ending full
	 * stops): its first word, size and contents. */
	uint64_t chunk_lw;        /* lower-cased first word */
	unsigned char chunk_cat;  /* its dictionary cue */
	unsigned char chunk_cls;  /* its class */
	unsigned char chunk_size; /* tokens, binned 0..5 */
	unsigned char chunk_num;  /* 1: a year in it, 2: other numbers, 3: both */
	unsigned char chunk_last; /* the last sentence */
	unsigned char commas;     /* commas before it in its sentence, up to 3 */
} colo_refs_tok;

/* Cuts s[0..len) into tokens (words, numbers, single punctuation marks;
 * URLs and DOIs whole) with their attributes.  *toks (caller frees) is
 * NULL when there are none.  Fails on invalid UTF-8 or a NUL byte
 * (COLO_EINPUT with the column). */
bool colo_refs_tokenize(const char *s, size_t len, colo_refs_tok **toks,
                        size_t *ntoks, colo_error *err);

/* Feature hashes of token i among t[0..n); returns how many were written
 * to out (at most COLO_REFS_MAXFEAT). */
size_t colo_refs_features(const colo_refs_tok *t, size_t n, size_t i,
                          uint64_t *out);

/* What the first stage said, as the second stage sees it: each token's
 * first-stage label, the labels of the tokens before and after it (bit
 * masks), and how many earlier runs had its label (up to 2). */
typedef struct colo_refs_stack {
	const unsigned char *y;
	uint32_t *before, *after;
	unsigned char *nth;
} colo_refs_stack;

void colo_refs_stack_init(colo_refs_stack *st, const unsigned char *y,
                          size_t n);
void colo_refs_stack_cleanup(colo_refs_stack *st);

/* The second stage's extra feature hashes for token i (at most
 * COLO_REFS_MAXSTACK). */
size_t colo_refs_stack_features(const colo_refs_tok *t, size_t n, size_t i,
                                const colo_refs_stack *st, uint64_t *out);

/* Best label sequence for n tokens: emit is n x COLO_REFS_L scores, trans
 * (COLO_REFS_L + 1) x COLO_REFS_L with the last row for the start.  bp is
 * scratch of n x COLO_REFS_L bytes; out gets n labels. */
void colo_refs_viterbi(const float *emit, const float *trans, size_t n,
                       unsigned char *bp, unsigned char *out);

/* The punctuation classes: a token of one of them never starts or ends a
 * field in the training labels. */
bool colo_refs_is_edge_punct(unsigned cls);

/* Weights of one loaded model: sparse per feature, integers. */
struct colo_ref_model {
	float trans[(COLO_REFS_L + 1) * COLO_REFS_L];
	size_t cap;  /* slots, a power of two */
	/* Two words a slot, so a probe touches one cache line: the key (0
	 * for an empty slot), then the slot's first weight | count << 32. */
	uint64_t *slots;
	/* A weight and its label in one word: weight * 256 + label.  Owned,
	 * or the compiled-in array when borrowed. */
	const int32_t *pw;
	bool borrowed;
	size_t nfeat, npairs;
	/* The second stage: relabels with the first stage's labels as extra
	 * features (stacking); NULL in a one-stage model. */
	struct colo_ref_model *stage2;
};

/* Scores every label for tokens t[from..to) of t[0..n) into emit; st is
 * NULL for a first stage. */
void colo_refs_emit(const colo_ref_model *m, const colo_refs_tok *t, size_t n,
                    size_t from, size_t to, const colo_refs_stack *st,
                    float *emit);

/* Labels tokens t[0..n) into out[0..n), a window at a time, through both
 * stages when the model has two. */
void colo_refs_decode(const colo_ref_model *m, const colo_refs_tok *t,
                      size_t n, unsigned char *out);

/* The model compiled into the library: embed.c loads model.txt at build
 * time and writes each stage as arrays, so using it costs no parsing. */
typedef struct colo_refs_embedded_stage {
	const int32_t *trans;  /* (COLO_REFS_L + 1) x COLO_REFS_L */
	const uint64_t *feats; /* hash | weight count << 56, in table order */
	size_t nfeat;
	const int32_t *pw; /* the weights, packed as in colo_ref_model */
	size_t npairs;
} colo_refs_embedded_stage;

extern const colo_refs_embedded_stage colo_refs_embedded_stages[];
extern const size_t colo_refs_embedded_nstages;

/* The compiled-in model (its weights borrowed, the table built here);
 * caller destroys.  NULL when the build has none (the trainer's). */
colo_ref_model *colo_refs_model_embedded(void);

#endif
