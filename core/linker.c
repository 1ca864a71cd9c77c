/* linker.c - a word-level Aho–Corasick matcher for known titles, venue
 * names, ISBNs and DOIs in article text (see linker.h).
 *
 * Patterns go into a trie over word ids (a hash table of the words
 * patterns use, word -> id; edges in an open-addressing table keyed by
 * (node, word id)).  Before a scan the trie is compiled into the automaton
 * the scan runs: nodes renumbered breadth first so the shallow ones, which
 * a scan visits most, sit together; per node 16 bytes of failure link,
 * dictionary link and a 64-bit signature of its children's words (a clear
 * bit skips the edge probe, the common case deep in the trie); the root's
 * children as an array indexed by word id.  Text words that no pattern
 * uses send the automaton back to the root without touching the trie.
 * Nothing here knows about the store or about what a match means. */
#include "colophon/linker.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

#define MAXW 64 /* bytes of one normalised word that are kept */

/* ---- words ------------------------------------------------------------- */

typedef struct word {
	size_t start, end; /* bytes of the source */
	bool capital;      /* first character upper-case, a digit or non-ASCII */
	size_t len;
	unsigned char w[MAXW + 8];
} word;

typedef struct cursor {
	const unsigned char *p;
	size_t len, i;
} cursor;

static bool ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool ascii_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static void put(word *w, const unsigned char *s, size_t n)
{
	if (w->len + n <= MAXW) {
		memcpy(w->w + w->len, s, n);
		w->len += n;
	}
}

/* 1: letter or digit, 2: combining mark (kept inside a word, dropped), 0. */
static int cp_class(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return 2;
	default:
		return 0;
	}
}

/* Appends the folded, accent-stripped letters and digits of cp. */
static void put_cp(word *w, utf8proc_int32_t cp)
{
	utf8proc_int32_t out[8];
	utf8proc_ssize_t n;
	int bound = 0;

	n = utf8proc_decompose_char(cp, out, 8,
	                            UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
	                                UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
	                            &bound);
	if (n < 0 || n > 8)
		return;
	for (utf8proc_ssize_t k = 0; k < n; k++) {
		unsigned char enc[4];
		utf8proc_ssize_t m;

		if (out[k] < 0x80) {
			unsigned char c = (unsigned char)out[k];

			if (ascii_alnum(c)) {
				if (c >= 'A' && c <= 'Z')
					c = (unsigned char)(c - 'A' + 'a');
				put(w, &c, 1);
			}
			continue;
		}
		if (cp_class(out[k]) != 1)
			continue;
		m = utf8proc_encode_char(out[k], enc);
		if (m > 0)
			put(w, enc, (size_t)m);
	}
}

/* Decodes the code point at c->i; returns its length (0: invalid byte). */
static size_t decode(const cursor *c, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate(c->p + c->i,
	                                      (utf8proc_ssize_t)(c->len - c->i), cp);

	return n > 0 && *cp >= 0 ? (size_t)n : 0;
}

/* The next word, or false at the end of the text. */
static bool next_word(cursor *c, word *w)
{
	utf8proc_int32_t cp;
	size_t n;

	for (;;) {
		unsigned char ch;

		if (c->i >= c->len)
			return false;
		ch = c->p[c->i];
		if (ch < 0x80) {
			if (ascii_alnum(ch))
				break;
			if (ch == '&') {
				w->start = c->i;
				w->end = ++c->i;
				w->capital = true;
				w->len = 0;
				put(w, (const unsigned char *)"and", 3);
				return true;
			}
			c->i++;
			continue;
		}
		n = decode(c, &cp);
		if (n == 0) {
			c->i++;
			continue;
		}
		if (cp_class(cp) == 1)
			break;
		c->i += n;
	}
	w->start = c->i;
	w->len = 0;
	w->capital = !(c->p[c->i] >= 'a' && c->p[c->i] <= 'z');
	while (c->i < c->len) {
		unsigned char ch = c->p[c->i];

		if (ch < 0x80) {
			if (ascii_alnum(ch)) {
				if (ch >= 'A' && ch <= 'Z')
					ch = (unsigned char)(ch - 'A' + 'a');
				put(w, &ch, 1);
				c->i++;
				continue;
			}
			/* ISBNs and other hyphenated digit runs are one word:
			 * 978-0-8131-4495-4, 0-8131-4495-X. */
			if (ch == '-' && w->len && ascii_digit(w->w[w->len - 1]) &&
			    c->i + 1 < c->len &&
			    (ascii_digit(c->p[c->i + 1]) ||
			     ((c->p[c->i + 1] == 'X' || c->p[c->i + 1] == 'x') &&
			      (c->i + 2 >= c->len || !ascii_alnum(c->p[c->i + 2]))))) {
				c->i++;
				continue;
			}
			break;
		}
		n = decode(c, &cp);
		if (n == 0 || cp_class(cp) == 0)
			break;
		put_cp(w, cp);
		c->i += n;
	}
	w->end = c->i;
	return true;
}

/* ---- hashing ----------------------------------------------------------- */

static uint64_t hash_bytes(const unsigned char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211u;
	}
	return h ^ (h >> 29);
}

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdu;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53u;
	x ^= x >> 33;
	return x;
}

/* ---- the matcher ------------------------------------------------------- */

typedef struct wslot {
	uint64_t hash;
	uint32_t off, len, id; /* id 0: empty slot */
} wslot;

typedef struct eslot {
	uint64_t key; /* (node + 1) << 32 | word id; 0: empty */
	uint32_t child;
} eslot;

typedef struct node {
	uint32_t child;   /* first child + 1, 0: none */
	uint32_t sibling; /* next sibling + 1 */
	uint32_t word;
	uint32_t pat;     /* first pattern ending here + 1, 0: none */
} node;

/* What a scan needs of a node, in 16 bytes. */
typedef struct hot {
	uint64_t sig;  /* one bit per child word (word_bit): a clear bit means
	                  no child for that word, without probing the edges */
	uint32_t fail; /* longest proper suffix that is a node */
	uint32_t dict; /* nearest node on the fail chain where patterns end,
	                  TERM set when patterns end at this node itself */
} hot;

#define TERM 0x80000000u

static uint64_t word_bit(uint32_t wid)
{
	return (uint64_t)1 << ((wid * 0x9e3779b1u) >> 26);
}

typedef struct pattern {
	size_t target;
	uint32_t next; /* next pattern at the same node + 1 */
	uint16_t nwords;
	uint8_t kind, flags;
} pattern;

struct colo_linker {
	wslot *words;
	size_t nwords, capwords; /* capwords: power of two */
	colo_buf arena;          /* word bytes */
	eslot *edges;
	size_t nedges, capedges;
	node *nodes;
	size_t nnodes, capnodes;
	pattern *pats;
	size_t npats, cappats;
	bool dirty; /* patterns added since the automaton was built */
	/* The automaton the scan runs, built from the trie above with nodes
	 * renumbered breadth first (shallow nodes, visited most, sit together
	 * in memory): */
	hot *hots;          /* per node */
	uint32_t *pathead;  /* per node: first pattern + 1 */
	uint32_t *root;     /* per word id: the root's child, 0: none */
	eslot *dedges;      /* (node, word) -> child for nodes below the root */
	size_t capdedges;
};

colo_linker *colo_linker_new(void)
{
	colo_linker *lk = colo_xcalloc(1, sizeof *lk);

	lk->capwords = 1024;
	lk->words = colo_xcalloc(lk->capwords, sizeof *lk->words);
	colo_buf_init(&lk->arena, 0);
	lk->capedges = 1024;
	lk->edges = colo_xcalloc(lk->capedges, sizeof *lk->edges);
	colo_grow((void **)&lk->nodes, &lk->capnodes, 1, sizeof *lk->nodes);
	memset(&lk->nodes[0], 0, sizeof lk->nodes[0]);
	lk->nnodes = 1;
	return lk;
}

void colo_linker_destroy(colo_linker *lk)
{
	if (!lk)
		return;
	free(lk->words);
	colo_buf_cleanup(&lk->arena);
	free(lk->edges);
	free(lk->nodes);
	free(lk->pats);
	free(lk->hots);
	free(lk->pathead);
	free(lk->root);
	free(lk->dedges);
	free(lk);
}

size_t colo_linker_count(const colo_linker *lk)
{
	return lk->npats;
}

static uint32_t word_find(const colo_linker *lk, const unsigned char *s,
                          size_t n, uint64_t h)
{
	size_t mask = lk->capwords - 1;

	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const wslot *w = &lk->words[i];

		if (!w->id)
			return 0;
		if (w->hash == h && w->len == n &&
		    memcmp(lk->arena.data + w->off, s, n) == 0)
			return w->id;
	}
}

static void word_place(wslot *tab, size_t cap, const wslot *w)
{
	size_t mask = cap - 1, i = (size_t)w->hash & mask;

	while (tab[i].id)
		i = (i + 1) & mask;
	tab[i] = *w;
}

static uint32_t word_intern(colo_linker *lk, const unsigned char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	uint32_t id = word_find(lk, s, n, h);
	wslot w;

	if (id)
		return id;
	if ((lk->nwords + 1) * 2 > lk->capwords) {
		size_t cap = lk->capwords * 2;
		wslot *tab = colo_xcalloc(cap, sizeof *tab);

		for (size_t i = 0; i < lk->capwords; i++)
			if (lk->words[i].id)
				word_place(tab, cap, &lk->words[i]);
		free(lk->words);
		lk->words = tab;
		lk->capwords = cap;
	}
	w.hash = h;
	w.off = (uint32_t)lk->arena.len;
	w.len = (uint32_t)n;
	w.id = (uint32_t)++lk->nwords;
	colo_buf_append(&lk->arena, (const char *)s, n);
	word_place(lk->words, lk->capwords, &w);
	return w.id;
}

static uint64_t edge_key(uint32_t from, uint32_t wid)
{
	return ((uint64_t)from + 1) << 32 | wid;
}

static uint32_t edge_get(const colo_linker *lk, uint32_t from, uint32_t wid)
{
	uint64_t key = edge_key(from, wid);
	size_t mask = lk->capedges - 1;

	for (size_t i = (size_t)mix64(key) & mask;; i = (i + 1) & mask) {
		if (lk->edges[i].key == key)
			return lk->edges[i].child;
		if (!lk->edges[i].key)
			return 0; /* the root is never a child */
	}
}

static void edge_place(eslot *tab, size_t cap, uint64_t key, uint32_t child)
{
	size_t mask = cap - 1, i = (size_t)mix64(key) & mask;

	while (tab[i].key)
		i = (i + 1) & mask;
	tab[i].key = key;
	tab[i].child = child;
}

static uint32_t edge_add(colo_linker *lk, uint32_t from, uint32_t wid)
{
	uint32_t child = edge_get(lk, from, wid);
	node *n;

	if (child)
		return child;
	if ((lk->nedges + 1) * 2 > lk->capedges) {
		size_t cap = lk->capedges * 2;
		eslot *tab = colo_xcalloc(cap, sizeof *tab);

		for (size_t i = 0; i < lk->capedges; i++)
			if (lk->edges[i].key)
				edge_place(tab, cap, lk->edges[i].key, lk->edges[i].child);
		free(lk->edges);
		lk->edges = tab;
		lk->capedges = cap;
	}
	colo_grow((void **)&lk->nodes, &lk->capnodes, lk->nnodes + 1,
	          sizeof *lk->nodes);
	child = (uint32_t)lk->nnodes++;
	n = &lk->nodes[child];
	memset(n, 0, sizeof *n);
	n->word = wid;
	n->sibling = lk->nodes[from].child;
	lk->nodes[from].child = child + 1;
	edge_place(lk->edges, lk->capedges, edge_key(from, wid), child);
	lk->nedges++;
	return child;
}

bool colo_linker_add(colo_linker *lk, const char *s, size_t len,
                     colo_pattern_kind kind, size_t target, unsigned flags)
{
	cursor c = {(const unsigned char *)s, len, 0};
	uint32_t ids[COLO_LINKER_MAX_WORDS];
	size_t n = 0;
	uint32_t at = 0;
	pattern *p;
	word w;

	while (next_word(&c, &w)) {
		if (n == COLO_LINKER_MAX_WORDS)
			return false; /* words interned so far are harmless */
		ids[n++] = word_intern(lk, w.w, w.len);
	}
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		at = edge_add(lk, at, ids[i]);
	colo_grow((void **)&lk->pats, &lk->cappats, lk->npats + 1, sizeof *lk->pats);
	p = &lk->pats[lk->npats];
	p->target = target;
	p->nwords = (uint16_t)n;
	p->kind = (uint8_t)kind;
	p->flags = (uint8_t)flags;
	p->next = lk->nodes[at].pat;
	lk->nodes[at].pat = (uint32_t)++lk->npats;
	lk->dirty = true;
	return true;
}

static uint32_t dedge_get(const colo_linker *lk, uint32_t from, uint32_t wid)
{
	uint64_t key = edge_key(from, wid);
	size_t mask = lk->capdedges - 1;

	for (size_t i = (size_t)mix64(key) & mask;; i = (i + 1) & mask) {
		if (lk->dedges[i].key == key)
			return lk->dedges[i].child;
		if (!lk->dedges[i].key)
			return 0;
	}
}

/* Builds the scan automaton: nodes renumbered breadth first, failure and
 * dictionary links, child-word signatures, the root's children as an
 * array indexed by word id, and the other edges in a hash table sized for
 * a load of at most 3/4. */
static void build(colo_linker *lk)
{
	size_t n = lk->nnodes;
	uint32_t *order = colo_xmalloc(n * sizeof *order); /* new -> old */
	uint32_t *renum = colo_xmalloc(n * sizeof *renum); /* old -> new */
	size_t head = 0, tail = 0, cap = 16;

	order[tail++] = 0;
	while (head < tail) {
		uint32_t u = order[head++];

		for (uint32_t c = lk->nodes[u].child; c; c = lk->nodes[c - 1].sibling)
			order[tail++] = c - 1;
	}
	for (size_t i = 0; i < n; i++)
		renum[order[i]] = (uint32_t)i;

	free(lk->hots);
	free(lk->pathead);
	free(lk->root);
	free(lk->dedges);
	lk->hots = colo_xcalloc(n, sizeof *lk->hots);
	lk->pathead = colo_xcalloc(n, sizeof *lk->pathead);
	lk->root = colo_xcalloc(lk->nwords + 1, sizeof *lk->root);
	while (cap * 3 < (lk->nedges + 1) * 4)
		cap *= 2;
	lk->capdedges = cap;
	lk->dedges = colo_xcalloc(cap, sizeof *lk->dedges);

	for (size_t i = 0; i < n; i++) {
		const node *o = &lk->nodes[order[i]];

		lk->pathead[i] = o->pat;
		for (uint32_t c = o->child; c; c = lk->nodes[c - 1].sibling) {
			uint32_t wid = lk->nodes[c - 1].word, nc = renum[c - 1];

			lk->hots[i].sig |= word_bit(wid);
			if (i == 0)
				lk->root[wid] = nc;
			else
				edge_place(lk->dedges, cap, edge_key((uint32_t)i, wid), nc);
		}
	}
	/* failure and dictionary links, breadth first (parents before
	 * children, which the new numbering already is) */
	for (size_t i = 1; i < n; i++) {
		const node *o = &lk->nodes[order[i]];

		for (uint32_t c = o->child; c; c = lk->nodes[c - 1].sibling) {
			uint32_t nc = renum[c - 1], wid = lk->nodes[c - 1].word;
			uint32_t f = lk->hots[i].fail, g = 0;

			for (;;) {
				if (f == 0) {
					g = lk->root[wid];
					break;
				}
				if ((lk->hots[f].sig & word_bit(wid)) &&
				    (g = dedge_get(lk, f, wid)))
					break;
				f = lk->hots[f].fail;
			}
			lk->hots[nc].fail = g;
			lk->hots[nc].dict = lk->pathead[g] ? g : (lk->hots[g].dict & ~TERM);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (lk->pathead[i])
			lk->hots[i].dict |= TERM;
	free(renum);
	free(order);
	lk->dirty = false;
}

size_t colo_linker_scan(colo_linker *lk, const char *text, size_t len,
                        colo_linker_fn fn, void *ud)
{
	cursor c = {(const unsigned char *)text, len, 0};
	size_t starts[COLO_LINKER_MAX_WORDS];
	bool caps[COLO_LINKER_MAX_WORDS];
	size_t nw = 0, found = 0;
	uint32_t state = 0;
	word w;

	if (lk->dirty || !lk->hots)
		build(lk);
	while (next_word(&c, &w)) {
		uint32_t wid = word_find(lk, w.w, w.len, hash_bytes(w.w, w.len));
		uint32_t n;

		starts[nw % COLO_LINKER_MAX_WORDS] = w.start;
		caps[nw % COLO_LINKER_MAX_WORDS] = w.capital;
		nw++;
		if (!wid) {
			state = 0;
			continue;
		}
		for (;;) {
			const hot *h;
			uint32_t g;

			if (state == 0) {
				state = lk->root[wid];
				break;
			}
			h = &lk->hots[state];
			if ((h->sig & word_bit(wid)) && (g = dedge_get(lk, state, wid))) {
				state = g;
				break;
			}
			state = h->fail;
		}
		if (!state || !lk->hots[state].dict)
			continue;
		n = (lk->hots[state].dict & TERM) ? state : lk->hots[state].dict;
		for (; n; n = lk->hots[n].dict & ~TERM) {
			for (uint32_t p1 = lk->pathead[n]; p1; p1 = lk->pats[p1 - 1].next) {
				const pattern *p = &lk->pats[p1 - 1];
				size_t first = (nw - p->nwords) % COLO_LINKER_MAX_WORDS;
				colo_linker_match m;

				if (p->nwords == 1 && (p->flags & COLO_PAT_CAPITAL) &&
				    !caps[first])
					continue;
				m.start = starts[first];
				m.end = w.end;
				m.kind = (colo_pattern_kind)p->kind;
				m.target = p->target;
				m.nwords = p->nwords;
				found++;
				if (fn && !fn(ud, &m))
					return found;
			}
		}
	}
	return found;
}

char *colo_linker_normalise(const char *s, size_t len)
{
	cursor c = {(const unsigned char *)s, len, 0};
	colo_buf b;
	word w;

	colo_buf_init(&b, 0);
	while (next_word(&c, &w)) {
		if (b.len)
			colo_buf_putc(&b, ' ');
		colo_buf_append(&b, (const char *)w.w, w.len);
	}
	return colo_buf_steal(&b);
}
