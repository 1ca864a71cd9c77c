/* fields.c - from one labelled reference string to a work.
 *
 * The labeller says which words are the authors, the title, the date and
 * so on; this file reads each of those pieces as its field: a list of
 * names into creators, a date into year/month/day, "pp. 12–34" into
 * "12-34", "2nd ed." into "2", identifiers into their canonical forms,
 * and decides the CSL type from what was found (and the section heading's
 * hint).  It is a pure function of its inputs, so the tests can hand it
 * segments directly.  What it does not do: guess at fields the labeller
 * did not mark, beyond identifiers (DOI, URL, ISBN, arXiv) and a year,
 * which have shapes of their own. */
#include <stdlib.h>
#include <string.h>

#include "../formats_priv.h"
#include "colophon/buf.h"
#include "colophon/mem.h"
#include "colophon/text.h"
#include "refs_priv.h"

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static char lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static bool has_ci(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	if (l > n)
		return false;
	for (size_t i = 0; i + l <= n; i++) {
		size_t k = 0;

		while (k < l && lower(s[i + k]) == lit[k])
			k++;
		if (k == l)
			return true;
	}
	return false;
}

static bool prefix_ci(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	if (l > n)
		return false;
	for (size_t k = 0; k < l; k++)
		if (lower(s[k]) != lit[k])
			return false;
	return true;
}

/* ---- edges ------------------------------------------------------------- */

static size_t opening_at(const char *s, size_t n)
{
	static const char *const opens[] = {"\xe2\x80\x9c", "\xe2\x80\x98",
	                                    "\xc2\xab", "\xe2\x80\x9e", NULL};

	if (!n)
		return 0;
	if (s[0] == '"' || s[0] == '\'' || s[0] == ',' || s[0] == '.' ||
	    s[0] == ';' || s[0] == ':' || is_space(s[0]) || s[0] == '*' ||
	    s[0] == '_')
		return 1;
	for (size_t i = 0; opens[i]; i++) {
		size_t l = strlen(opens[i]);

		if (n >= l && memcmp(s, opens[i], l) == 0)
			return l;
	}
	return 0;
}

static size_t closing_at_end(const char *s, size_t n)
{
	static const char *const closes[] = {"\xe2\x80\x9d", "\xe2\x80\x99",
	                                     "\xc2\xbb", NULL};
	char c;

	if (!n)
		return 0;
	c = s[n - 1];
	if (c == '"' || c == ',' || c == ';' || c == ':' || is_space(c) ||
	    c == '*' || c == '_' || (c == '\'' && !(n >= 2 && s[n - 2] == 's')))
		return 1;
	for (size_t i = 0; closes[i]; i++) {
		size_t l = strlen(closes[i]);

		if (n >= l && memcmp(s + n - l, closes[i], l) == 0)
			return l;
	}
	return 0;
}

static int paren_balance(const char *s, size_t n, char open, char close)
{
	int d = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == open)
			d++;
		else if (s[i] == close)
			d--;
	}
	return d;
}

/* Whether the '.' ending s[0..n) belongs to its word: "U.S.", "Inc.",
 * "Jr.", an initial. */
static bool dot_belongs(const char *s, size_t n)
{
	static const char *const keep[] = {"Inc", "Co", "Ltd", "Jr", "Sr",
	                                   "St", "Corp", "Bros", "al", NULL};
	size_t w = n - 1;

	while (w > 0 && !is_space(s[w - 1]) && s[w - 1] != '(')
		w--;
	if (n - 1 - w == 1 && is_upper(s[w]))
		return true;
	for (size_t i = w; i + 1 < n; i++)
		if (s[i] == '.')
			return true;
	for (size_t i = 0; keep[i]; i++)
		if (strlen(keep[i]) == n - 1 - w && memcmp(s + w, keep[i], n - 1 - w) == 0)
			return true;
	return false;
}

/* Trims white space, quotes, Markdown markers and the punctuation that
 * separates fields (",", ".", ";", ":") from both ends; brackets only
 * when they are unbalanced. */
static void trim_edges(const char **ps, size_t *pn)
{
	const char *s = *ps;
	size_t n = *pn;

	for (;;) {
		size_t k;

		if ((k = opening_at(s, n)) > 0) {
			s += k;
			n -= k;
			continue;
		}
		if ((k = closing_at_end(s, n)) > 0) {
			n -= k;
			continue;
		}
		if (n && s[n - 1] == '.' && !dot_belongs(s, n)) {
			n--;
			continue;
		}
		if (n && ((s[0] == '(' && paren_balance(s, n, '(', ')') > 0) ||
		          (s[0] == '[' && paren_balance(s, n, '[', ']') > 0))) {
			s++;
			n--;
			continue;
		}
		if (n && ((s[n - 1] == ')' && paren_balance(s, n, '(', ')') < 0) ||
		          (s[n - 1] == ']' && paren_balance(s, n, '[', ']') < 0))) {
			n--;
			continue;
		}
		/* "(2014)" and "[Title]" whole */
		if (n >= 2 && ((s[0] == '(' && s[n - 1] == ')') ||
		               (s[0] == '[' && s[n - 1] == ']')) &&
		    paren_balance(s + 1, n - 2, s[0], s[n - 1]) == 0 &&
		    memchr(s + 1, s[0], n - 2) == NULL) {
			s++;
			n -= 2;
			continue;
		}
		break;
	}
	*ps = s;
	*pn = n;
}

/* A heap copy of s[0..n) with runs of white space squashed, or NULL when
 * nothing is left. */
static char *dup_clean(const char *s, size_t n)
{
	trim_edges(&s, &n);
	/* "Proceedings of the Workshop (NavSim": a parenthesis the
	 * labeller cut in two is dropped with what it opened */
	if (n && paren_balance(s, n, '(', ')') > 0) {
		size_t k = n;

		while (k > 0 && s[k - 1] != '(')
			k--;
		if (k > 1) {
			n = k - 1;
			trim_edges(&s, &n);
		}
	}
	if (!n)
		return NULL;
	return colo_text_squash(s, n);
}

/* ---- segments ---------------------------------------------------------- */

typedef struct span {
	size_t a, b;
} span;

/* The first run of segments labelled `l`, with only unlabelled segments
 * between them: ("Farley, R." NONE("&") "Smith, J.") is one author run. */
static bool first_run(const colo_ref_segment *segs, size_t n, colo_ref_label l,
                      size_t from, span *out, size_t *next)
{
	size_t i = from, last;

	while (i < n && segs[i].label != l)
		i++;
	if (i >= n)
		return false;
	out->a = segs[i].start;
	out->b = segs[i].end;
	last = i;
	for (size_t j = i + 1; j < n; j++) {
		if (segs[j].label == l) {
			out->b = segs[j].end;
			last = j;
		} else if (segs[j].label != COLO_REF_NONE) {
			break;
		}
	}
	if (next)
		*next = last + 1;
	return true;
}

/* ---- names ------------------------------------------------------------- */

typedef enum { T_WORD, T_COMMA, T_SEMI, T_AND } tkind;

typedef struct tok {
	const char *p;
	size_t n;
	tkind k;
} tok;

typedef struct toks {
	tok *v;
	size_t n, cap;
} toks;

static void tpush(toks *t, const char *p, size_t n, tkind k)
{
	colo_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n].p = p;
	t->v[t->n].n = n;
	t->v[t->n].k = k;
	t->n++;
}

static bool word_eq(const tok *t, const char *lit)
{
	return t->n == strlen(lit) && memcmp(t->p, lit, t->n) == 0;
}

static bool word_eq_ci(const tok *t, const char *lit)
{
	return t->n == strlen(lit) && prefix_ci(t->p, t->n, lit);
}

/* "R.", "RM", "R.M.", "R.-M.", "J.-P." */
static bool is_initials(const char *p, size_t n, bool dotless_ok)
{
	size_t caps = 0, dots = 0;

	if (!n || n > 8)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (is_upper(p[i]))
			caps++;
		else if (p[i] == '.')
			dots++;
		else if (p[i] != '-')
			return false;
	}
	if (!caps)
		return false;
	/* without dots only "R" or "RM" (Vancouver), at most three */
	return dots ? dots >= caps - (p[n - 1] != '.') && caps <= 4
	            : dotless_ok && caps <= 3;
}

static bool cap_start(const char *p, size_t n)
{
	return n && (is_upper(p[0]) || (unsigned char)p[0] >= 0xC0);
}

static const char *const org_words[] = {
	"Organization", "Organisation", "Institute", "Institution",
	"Association", "Society", "Committee", "Council", "Agency",
	"Department", "University", "Group", "Office", "Bureau", "Foundation",
	"Center", "Centre", "Commission", "Corporation", "Company", "Inc.",
	"Ltd", "Press", "Bank", "Fund", "Service", "Ministry", "Board",
	"Collaboration", "Consortium", "Team", "Network", "Project",
	"Programme", "Program", "Nations", "Union", "Authority", "Academy",
	"Trust", "Laboratory", "Secretariat", NULL,
};

static bool chunk_is_org(const tok *w, size_t n)
{
	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; org_words[j]; j++)
			if (word_eq(&w[i], org_words[j]))
				return true;
	return false;
}

/* "FARLEY" -> "Farley"; names written in capitals (some styles do). */
static void uncap(char *s)
{
	size_t i = 0;

	if (!s)
		return;
	while (s[i]) {
		size_t st = i, caps = 0, other = 0;

		while (s[i] && s[i] != ' ' && s[i] != '-') {
			if (is_upper(s[i]))
				caps++;
			else if (is_lower(s[i]) || (unsigned char)s[i] >= 0x80)
				other++;
			i++;
		}
		if (caps >= 2 && !other)
			for (size_t k = st + 1; k < i; k++)
				if (s[k - 1] != '\'' && s[k - 1] != '-')
					s[k] = lower(s[k]);
		if (s[i])
			i++;
	}
}

/* "RM" -> "R. M."; "R.M." -> "R. M." */
static void initials_text(colo_buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (is_upper(p[i])) {
			if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '-')
				colo_buf_putc(b, ' ');
			colo_buf_putc(b, p[i]);
			colo_buf_putc(b, '.');
		} else if (p[i] == '-') {
			colo_buf_putc(b, '-');
		}
	}
}

static void put_words(colo_buf *b, const tok *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			colo_buf_putc(b, ' ');
		colo_buf_append(b, w[i].p, w[i].n);
	}
}

static void add_creator(colo_work *w, colo_creator_role role, const char *s,
                        size_t n, bool literal)
{
	colo_creator *c;
	colo_name nm;

	if (literal) {
		colo_name_init(&nm);
		nm.literal = colo_xstrndup(s, n);
	} else {
		colo_name_parse(s, n, &nm);
		uncap(nm.family);
		if (nm.given && strlen(nm.given) > 3)
			uncap(nm.given);
	}
	if (!nm.family && !nm.given && !nm.literal) {
		colo_name_cleanup(&nm);
		return;
	}
	c = colo_work_add_creator(w, role);
	c->name = nm;
}

/* One chunk of words that is a whole name: natural order, or Vancouver's
 * "Farley RM", or "Farley R.M.". */
static void add_chunk(colo_work *w, colo_creator_role role, const tok *v,
                      size_t n)
{
	colo_buf b;

	if (!n)
		return;
	colo_buf_init(&b, 0);
	if (chunk_is_org(v, n)) {
		put_words(&b, v, n);
		add_creator(w, role, b.data, b.len, true);
	} else if (n >= 2 && is_initials(v[n - 1].p, v[n - 1].n, true) &&
	           !is_initials(v[0].p, v[0].n, false) && cap_start(v[0].p, v[0].n) &&
	           v[n - 1].p[v[n - 1].n - 1] != '.') {
		/* "Farley RM": family first, initials without dots */
		put_words(&b, v, n - 1);
		colo_buf_puts(&b, ", ");
		initials_text(&b, v[n - 1].p, v[n - 1].n);
		add_creator(w, role, b.data, b.len, false);
	} else if (n >= 2 && is_initials(v[n - 1].p, v[n - 1].n, false) &&
	           !is_initials(v[0].p, v[0].n, false) &&
	           !is_initials(v[n - 2].p, v[n - 2].n, false)) {
		/* "Farley R.M." */
		put_words(&b, v, n - 1);
		colo_buf_puts(&b, ", ");
		initials_text(&b, v[n - 1].p, v[n - 1].n);
		add_creator(w, role, b.data, b.len, false);
	} else {
		/* natural order; "R.M. Farley" spaced as "R. M. Farley" */
		for (size_t i = 0; i < n; i++) {
			if (i)
				colo_buf_putc(&b, ' ');
			if (is_initials(v[i].p, v[i].n, false) && i + 1 < n)
				initials_text(&b, v[i].p, v[i].n);
			else
				colo_buf_append(&b, v[i].p, v[i].n);
		}
		add_creator(w, role, b.data, b.len, false);
	}
	colo_buf_cleanup(&b);
}

/* Given names after "Family,": initials, or one or two capitalised words
 * ("Robert", "Robert M.", "J. K."). */
static bool chunk_is_given(const tok *v, size_t n, bool full_ok)
{
	bool all_initials = true;

	if (!n || n > 3)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_initials(v[i].p, v[i].n, true))
			all_initials = false;
		if (!cap_start(v[i].p, v[i].n))
			return false;
	}
	return all_initials || full_ok;
}

/* A family name as the inverted form writes it: one word ("Farley",
 * "Smith-Jones", "O'Brien"), perhaps after particles ("van Gogh"). */
static bool chunk_is_family(const tok *v, size_t n)
{
	size_t i = 0;

	while (i + 1 < n && is_lower(v[i].p[0]))
		i++;
	return n && i == n - 1 && cap_start(v[i].p, v[i].n) &&
	       !is_initials(v[i].p, v[i].n, false);
}

static bool chunk_caps(const tok *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!cap_start(v[i].p, v[i].n) || is_initials(v[i].p, v[i].n, false))
			return false;
	return n > 0;
}

static bool is_suffix_tok(const tok *v, size_t n)
{
	static const char *const sfx[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III",
	                                  "IV", NULL};

	if (n != 1)
		return false;
	for (size_t i = 0; sfx[i]; i++)
		if (word_eq(&v[0], sfx[i]))
			return true;
	return false;
}

void colo_refs_add_names(colo_work *w, const char *s, size_t len,
                         colo_creator_role role, bool *etal)
{
	toks t = {NULL, 0, 0};
	size_t i = 0, nchunks = 0, first_creator = w->ncreators;
	bool semi = false, full_given = false;
	struct chunk {
		size_t a, b;  /* word tokens [a, b) */
		tkind before; /* separator before it */
	} *ch = NULL;
	size_t chcap = 0;

	if (etal)
		*etal = false;
	/* tokens: words, with ',' ';' '&' and "and" as separators */
	while (i < len) {
		size_t st;

		while (i < len && is_space(s[i]))
			i++;
		if (i >= len)
			break;
		if (s[i] == ',' || s[i] == ';' || s[i] == '&') {
			tpush(&t, s + i, 1, s[i] == ',' ? T_COMMA : s[i] == ';' ? T_SEMI : T_AND);
			semi |= s[i] == ';';
			i++;
			continue;
		}
		st = i;
		while (i < len && !is_space(s[i]) && s[i] != ',' && s[i] != ';' &&
		       s[i] != '&')
			i++;
		tpush(&t, s + st, i - st, T_WORD);
	}
	/* role words, "et al.", "and" */
	{
		size_t o = 0;

		for (size_t k = 0; k < t.n; k++) {
			tok *x = &t.v[k];
			const char *p = x->p;
			size_t n = x->n;

			if (x->k != T_WORD) {
				t.v[o++] = *x;
				continue;
			}
			/* "(Eds.)" "(ed.)" "[ed.]" */
			while (n && (p[0] == '(' || p[0] == '[')) {
				p++;
				n--;
			}
			while (n && (p[n - 1] == ')' || p[n - 1] == ']' || p[n - 1] == ':'))
				n--;
			{
				tok y = {p, n, T_WORD};

				if (word_eq_ci(&y, "eds.") || word_eq_ci(&y, "ed.") ||
				    word_eq_ci(&y, "eds") || word_eq_ci(&y, "ed") ||
				    word_eq_ci(&y, "editors") || word_eq_ci(&y, "editor") ||
				    word_eq_ci(&y, "edited") || word_eq_ci(&y, "hrsg.") ||
				    word_eq_ci(&y, "(eds.)") || word_eq_ci(&y, "edn.")) {
					role = COLO_ROLE_EDITOR;
					continue;
				}
				if (word_eq_ci(&y, "trans.") || word_eq_ci(&y, "translated") ||
				    word_eq_ci(&y, "translator") || word_eq_ci(&y, "tr.")) {
					role = COLO_ROLE_TRANSLATOR;
					continue;
				}
				if (word_eq(&y, "by") || (k == 0 && (word_eq(&y, "In") ||
				                                      word_eq(&y, "in"))))
					continue;
				if (word_eq_ci(&y, "et") && k + 1 < t.n &&
				    (prefix_ci(t.v[k + 1].p, t.v[k + 1].n, "al") ||
				     prefix_ci(t.v[k + 1].p, t.v[k + 1].n, "alii"))) {
					if (etal)
						*etal = true;
					break; /* everything after "et al." is not names */
				}
				if (word_eq_ci(&y, "et.al.") || word_eq_ci(&y, "etal")) {
					if (etal)
						*etal = true;
					break;
				}
				if (word_eq(&y, "and") || word_eq(&y, "with") ||
				    word_eq(&y, "und") || word_eq(&y, "y")) {
					tok a = {p, n, T_AND};

					t.v[o++] = a;
					continue;
				}
				if (word_eq(&y, "others") && o && t.v[o - 1].k == T_AND) {
					if (etal)
						*etal = true;
					o--;
					break;
				}
				if (!n)
					continue;
				t.v[o++] = y;
			}
		}
		t.n = o;
	}
	/* chunks between separators; with ';' only ';' and "and" separate */
	for (size_t k = 0; k < t.n;) {
		tkind before = T_WORD; /* none yet */
		size_t a;

		while (k < t.n && t.v[k].k != T_WORD) {
			if (!(semi && t.v[k].k == T_COMMA) && before != T_AND)
				before = t.v[k].k;
			k++;
		}
		if (k >= t.n)
			break;
		a = k;
		while (k < t.n && (t.v[k].k == T_WORD || (semi && t.v[k].k == T_COMMA)))
			k++;
		colo_grow((void **)&ch, &chcap, nchunks + 1, sizeof *ch);
		ch[nchunks].a = a;
		ch[nchunks].b = k;
		ch[nchunks].before = nchunks ? before : T_AND;
		nchunks++;
	}
	for (size_t c = 0; c < nchunks; c++) {
		const tok *v = t.v + ch[c].a;
		size_t n = ch[c].b - ch[c].a;

		if (semi) {
			/* "Farley, R.; Smith, J." */
			colo_buf b;
			const char *p = v[0].p;
			size_t m = (size_t)(v[n - 1].p + v[n - 1].n - p);

			colo_buf_init(&b, 0);
			colo_buf_append(&b, p, m);
			if (chunk_is_org(v, n))
				add_creator(w, role, b.data, b.len, true);
			else if (memchr(p, ',', m))
				add_creator(w, role, b.data, b.len, false);
			else
				add_chunk(w, role, v, n);
			colo_buf_cleanup(&b);
			continue;
		}
		if (is_suffix_tok(v, n) && w->ncreators > first_creator) {
			colo_creator *prev = &w->creators[w->ncreators - 1];

			if (!prev->name.suffix && !prev->name.literal) {
				prev->name.suffix = colo_xstrndup(v[0].p, v[0].n);
				continue;
			}
		}
		if (c + 1 < nchunks && ch[c + 1].before == T_COMMA &&
		    ((chunk_is_family(v, n) &&
		      chunk_is_given(t.v + ch[c + 1].a, ch[c + 1].b - ch[c + 1].a,
		                     c == 0 || full_given)) ||
		     /* "VAN DER BERG, P.", "Garcia Marquez, G.": several
		      * words are a family name when initials follow */
		     (n <= 3 && chunk_caps(v, n) &&
		      chunk_is_given(t.v + ch[c + 1].a, ch[c + 1].b - ch[c + 1].a,
		                     false)))) {
			/* "Farley, R." / "Farley, Robert" */
			const tok *g = t.v + ch[c + 1].a;
			size_t gn = ch[c + 1].b - ch[c + 1].a;
			colo_buf b;
			bool initials_only = true;

			colo_buf_init(&b, 0);
			put_words(&b, v, n);
			colo_buf_puts(&b, ", ");
			for (size_t k = 0; k < gn; k++) {
				if (k)
					colo_buf_putc(&b, ' ');
				if (is_initials(g[k].p, g[k].n, true))
					initials_text(&b, g[k].p, g[k].n);
				else {
					colo_buf_append(&b, g[k].p, g[k].n);
					initials_only = false;
				}
			}
			if (!initials_only)
				full_given = true;
			add_creator(w, role, b.data, b.len, false);
			colo_buf_cleanup(&b);
			c++;
			continue;
		}
		add_chunk(w, role, v, n);
	}
	free(ch);
	free(t.v);
}

/* ---- numbers, dates, identifiers ------------------------------------- */

static int year_at(const char *s, size_t n, size_t i)
{
	int y;

	if (i + 4 > n || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '/' ||
	                            s[i - 1] == '.')))
		return 0;
	for (size_t k = 0; k < 4; k++)
		if (!is_digit(s[i + k]))
			return 0;
	if (i + 4 < n && is_digit(s[i + 4]))
		return 0;
	y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
	    (s[i + 3] - '0');
	return y >= 1500 && y <= 2099 ? y : 0;
}

/* Year, month and day from a date as references write it: "2014",
 * "(2014a)", "March 3, 2014", "3 March 2014", "2014, March 3",
 * "2014-03-05", "Spring 2014". */
static void parse_date(const char *s, size_t n, colo_work *w)
{
	size_t yat = 0;
	int y = 0;

	for (size_t i = 0; i < n && !y; i++)
		if ((y = year_at(s, n, i)) != 0)
			yat = i;
	if (!y)
		return;
	w->year = y;
	w->month = w->day = 0;
	/* ISO: 2014-03-05 */
	if (yat + 7 <= n && s[yat + 4] == '-' && is_digit(s[yat + 5]) &&
	    is_digit(s[yat + 6])) {
		int m = (s[yat + 5] - '0') * 10 + (s[yat + 6] - '0');

		if (m >= 1 && m <= 12) {
			w->month = m;
			if (yat + 10 <= n && s[yat + 7] == '-' && is_digit(s[yat + 8]) &&
			    is_digit(s[yat + 9])) {
				int d = (s[yat + 8] - '0') * 10 + (s[yat + 9] - '0');

				if (d >= 1 && d <= 31)
					w->day = d;
			}
		}
		return;
	}
	/* a month name anywhere, a day number next to it */
	for (size_t i = 0; i < n;) {
		size_t st;
		int m;

		while (i < n && !(is_upper(s[i]) || is_lower(s[i])))
			i++;
		st = i;
		while (i < n && (is_upper(s[i]) || is_lower(s[i]) || s[i] == '.'))
			i++;
		if (i == st || i - st < 3)
			continue;
		m = colo_import_month(s + st, i - st);
		if (!m)
			continue;
		w->month = m;
		{
			/* "March 3" */
			size_t k = i, d = 0, nd = 0;

			while (k < n && (s[k] == ' ' || s[k] == '.'))
				k++;
			while (k < n && is_digit(s[k]) && nd < 3)
				d = d * 10 + (size_t)(s[k++] - '0'), nd++;
			if (nd >= 1 && nd <= 2 && d >= 1 && d <= 31 &&
			    (k >= n || !is_digit(s[k]))) {
				w->day = (int)d;
				return;
			}
			/* "3 March" */
			k = st;
			while (k > 0 && s[k - 1] == ' ')
				k--;
			if (k > 0 && s[k - 1] == '.')
				k--;
			d = 0;
			nd = 0;
			{
				size_t e = k, b = k;

				while (b > 0 && is_digit(s[b - 1]) && e - b < 3)
					b--;
				for (size_t q = b; q < e; q++)
					d = d * 10 + (size_t)(s[q] - '0'), nd++;
				if (nd >= 1 && nd <= 2 && d >= 1 && d <= 31 &&
				    (b == 0 || !is_digit(s[b - 1])))
					w->day = (int)d;
			}
		}
		return;
	}
}

/* "pp. 12–34." -> "12-34"; every dash a hyphen, no spaces. */
static char *clean_pages(const char *s, size_t n)
{
	colo_buf b;

	trim_edges(&s, &n);
	while (n && (prefix_ci(s, n, "pp") || prefix_ci(s, n, "p.") ||
	             prefix_ci(s, n, "pages") || prefix_ci(s, n, "page") ||
	             prefix_ci(s, n, "s."))) {
		/* "pages", "page", or a two-letter "pp" / "p." / "S." */
		size_t k = prefix_ci(s, n, "pages")  ? 5
		           : prefix_ci(s, n, "page") ? 4
		                                     : 2;

		s += k;
		n -= k;
		while (n && (s[0] == '.' || is_space(s[0])))
			s++, n--;
	}
	colo_buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space((char)c))
			continue;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x95) {
			i += 2;
			c = '-';
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x88 &&
		           (unsigned char)s[i + 2] == 0x92) {
			i += 2;
			c = '-'; /* minus sign */
		}
		if (c == '-' && b.len && b.data[b.len - 1] == '-')
			continue; /* "12--34" */
		colo_buf_putc(&b, (char)c);
	}
	while (b.len && (b.data[b.len - 1] == '.' || b.data[b.len - 1] == ',' ||
	                 b.data[b.len - 1] == '-'))
		b.data[--b.len] = '\0';
	if (!b.len) {
		colo_buf_cleanup(&b);
		return NULL;
	}
	return colo_buf_steal(&b);
}

/* A number-like field without its label: "vol. 12" -> "12", "no. 3" ->
 * "3", "(3)" -> "3". */
static char *clean_number(const char *s, size_t n)
{
	static const char *const labels[] = {"volume", "vol.", "vol", "vols.",
	                                     "number", "no.", "nos.", "no", "nr.",
	                                     "issue", "iss.", "bd.", "heft", "v.",
	                                     "n.", NULL};
	bool again = true;

	trim_edges(&s, &n);
	while (again) {
		again = false;
		for (size_t i = 0; labels[i]; i++) {
			size_t l = strlen(labels[i]);

			if (prefix_ci(s, n, labels[i]) &&
			    (n == l || is_space(s[l]) || is_digit(s[l]) ||
			     labels[i][l - 1] == '.')) {
				s += l;
				n -= l;
				trim_edges(&s, &n);
				again = true;
				break;
			}
		}
	}
	/* "71, no" and "12 (3)": the number in front */
	if (n && (is_digit(s[0]) || s[0] == 'I' || s[0] == 'V' || s[0] == 'X')) {
		size_t k = 0;

		while (k < n && s[k] != ',' && s[k] != ' ' && s[k] != '(')
			k++;
		n = k;
	}
	return dup_clean(s, n);
}

/* "12(3):45-67", "2014;12(3):45-67", "12(3)": Vancouver and APA pack the
 * volume, issue and pages into one token. */
static bool parse_vip(const char *s, size_t n, colo_work *w)
{
	size_t i = 0, vs, ve;

	trim_edges(&s, &n);
	if (n && (s[n - 1] == '.' || s[n - 1] == ','))
		n--;
	/* a leading "2014;" or "2014 Mar;" */
	for (size_t k = 0; k < n; k++)
		if (s[k] == ';') {
			if (!w->year)
				parse_date(s, k, w);
			i = k + 1;
			break;
		}
	while (i < n && is_space(s[i]))
		i++;
	vs = i;
	while (i < n && (is_digit(s[i]) || is_upper(s[i]) || s[i] == '-'))
		i++;
	ve = i;
	if (ve == vs)
		return false;
	if (i < n && s[i] != '(' && s[i] != ':')
		return false;
	free(w->volume);
	w->volume = colo_xstrndup(s + vs, ve - vs);
	if (i < n && s[i] == '(') {
		size_t is = ++i;

		while (i < n && s[i] != ')')
			i++;
		if (i > is && i < n) {
			free(w->issue);
			w->issue = dup_clean(s + is, i - is);
		}
		if (i < n)
			i++;
	}
	while (i < n && is_space(s[i]))
		i++;
	if (i < n && s[i] == ':') {
		char *pg = clean_pages(s + i + 1, n - i - 1);

		if (pg) {
			free(w->pages);
			w->pages = pg;
		}
	}
	return true;
}

/* ACM's "15, 2": volume 15, issue 2. */
static void volume_issue(const char *s, size_t n, colo_work *w)
{
	size_t i = 0, is;

	if (w->issue)
		return;
	while (i < n && is_digit(s[i]))
		i++;
	if (!i || i + 2 >= n || s[i] != ',' || s[i + 1] != ' ')
		return;
	is = i + 2;
	for (i = is; i < n && is_digit(s[i]); i++)
		;
	if (i > is && (i == n || s[i] == '.' || s[i] == ','))
		w->issue = colo_xstrndup(s + is, i - is);
}

/* "2nd ed." -> "2", "Second edition" -> "2", "Rev. ed." -> "Rev." */
static char *clean_edition(const char *s, size_t n)
{
	static const char *const ordinals[] = {
		"first", "second", "third", "fourth", "fifth", "sixth",
		"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", NULL,
	};
	colo_buf b;
	size_t i = 0, d = 0;

	trim_edges(&s, &n);
	while (i < n && (s[i] == '(' || is_space(s[i])))
		i++;
	while (i + d < n && is_digit(s[i + d]))
		d++;
	if (d && d < 4) {
		colo_buf_init(&b, 0);
		colo_buf_append(&b, s + i, d);
		return colo_buf_steal(&b);
	}
	for (size_t k = 0; ordinals[k]; k++)
		if (prefix_ci(s + i, n - i, ordinals[k])) {
			colo_buf_init(&b, 0);
			colo_buf_printf(&b, "%zu", k + 1);
			return colo_buf_steal(&b);
		}
	/* the words before "ed."/"edition" */
	for (size_t k = i; k < n; k++)
		if (prefix_ci(s + k, n - k, "ed.") || prefix_ci(s + k, n - k, "edn") ||
		    prefix_ci(s + k, n - k, "edition") || prefix_ci(s + k, n - k, "ed ")) {
			if (k > i && is_space(s[k - 1]))
				return dup_clean(s + i, k - i);
			break;
		}
	return dup_clean(s + i, n - i);
}

/* The end of a URL or DOI that starts at s[i]: up to white space, without
 * trailing punctuation or an unbalanced ')'. */
static size_t ident_end(const char *s, size_t n, size_t i)
{
	size_t e = i;

	while (e < n && !is_space(s[e]) && s[e] != '<' && s[e] != '>' &&
	       s[e] != '"')
		e++;
	for (;;) {
		char c = e > i ? s[e - 1] : 0;

		if (c == '.' || c == ',' || c == ';' || c == ':' || c == ']' ||
		    c == '\'' || c == '*') {
			e--;
			continue;
		}
		if (c == ')' && paren_balance(s + i, e - i, '(', ')') < 0) {
			e--;
			continue;
		}
		break;
	}
	return e;
}

static bool find_doi(const char *s, size_t n, colo_work *w)
{
	for (size_t i = 0; i + 8 < n; i++) {
		size_t k;

		if (s[i] != '1' || s[i + 1] != '0' || s[i + 2] != '.' ||
		    (i > 0 && (is_digit(s[i - 1]) || is_upper(s[i - 1]) ||
		               is_lower(s[i - 1]))))
			continue;
		k = i + 3;
		while (k < n && is_digit(s[k]))
			k++;
		if (k - (i + 3) < 4 || k >= n || s[k] != '/' || k + 1 >= n ||
		    is_space(s[k + 1]))
			continue;
		k = ident_end(s, n, i);
		if (k <= i + 8)
			continue;
		free(w->doi);
		w->doi = colo_xstrndup(s + i, k - i);
		return true;
	}
	return false;
}

static bool find_url(const char *s, size_t n, colo_work *w)
{
	for (size_t i = 0; i + 8 < n; i++) {
		size_t e;

		if (!(prefix_ci(s + i, n - i, "http://") ||
		      prefix_ci(s + i, n - i, "https://")))
			continue;
		e = ident_end(s, n, i);
		if (has_ci(s + i, e - i, "doi.org/")) {
			if (!w->doi)
				find_doi(s + i, e - i, w);
			i = e;
			continue;
		}
		if (!w->url)
			w->url = colo_xstrndup(s + i, e - i);
		return true;
	}
	return false;
}

/* "ISBN 978-0-8131-4494-8", "ISBN-10: 0813144949": the ISBN-13. */
static bool find_isbn(const char *s, size_t n, bool labelled, colo_work *w)
{
	for (size_t i = 0; i < n; i++) {
		char digits[14];
		size_t nd = 0, k;

		if (!labelled) {
			if (!prefix_ci(s + i, n - i, "isbn"))
				continue;
			k = i + 4;
			if (k + 3 <= n && (memcmp(s + k, "-13", 3) == 0 ||
			                   memcmp(s + k, "-10", 3) == 0))
				k += 3;
		} else {
			k = i;
		}
		while (k < n && (s[k] == ':' || is_space(s[k])))
			k++;
		while (k < n && nd < 13 &&
		       (is_digit(s[k]) || s[k] == '-' || s[k] == ' ' ||
		        ((s[k] == 'X' || s[k] == 'x') && nd == 9))) {
			if (s[k] != '-' && s[k] != ' ')
				digits[nd++] = s[k] == 'x' ? 'X' : s[k];
			k++;
		}
		if (nd == 10 || nd == 13) {
			digits[nd] = '\0';
			free(w->isbn);
			w->isbn = colo_isbn13(digits);
			return true;
		}
		if (labelled)
			return false;
	}
	return false;
}

static void find_arxiv(const char *s, size_t n, bool labelled, colo_work *w)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = i, e;

		if (prefix_ci(s + i, n - i, "arxiv:"))
			k = i + 6;
		else if (prefix_ci(s + i, n - i, "arxiv.org/abs/"))
			k = i + 14;
		else if (!(labelled && i == 0))
			continue;
		while (k < n && is_space(s[k]))
			k++;
		e = ident_end(s, n, k);
		if (e > k && is_digit(s[k])) {
			colo_set_str(&w->archive, "arXiv");
			free(w->eprint);
			w->eprint = colo_xstrndup(s + k, e - k);
			return;
		}
	}
}

/* ---- the work ---------------------------------------------------------- */

static void set_field(char **slot, const char *s, size_t n)
{
	char *v;

	if (*slot)
		return;
	v = dup_clean(s, n);
	*slot = v;
}

/* A segment's text with the ')' that closes it when the labeller left
 * that outside: "Boulder (CO" + ")". */
static void set_seg(char **slot, const char *s, size_t len, span r)
{
	size_t n = r.b - r.a;

	if (r.b < len && (s[r.b] == ')' || s[r.b] == ']') &&
	    paren_balance(s + r.a, n, s[r.b] == ')' ? '(' : '[', s[r.b]) > 0)
		n++;
	set_field(slot, s + r.a, n);
}

static void split_subtitle(colo_work *w)
{
	char *c;

	if (!w->title)
		return;
	c = strstr(w->title, ": ");
	if (!c)
		return;
	{
		const char *sub = c + 2;
		size_t sn = strlen(sub);
		char *st = dup_clean(sub, sn);

		if (!st)
			return;
		*c = '\0';
		{
			char *t = dup_clean(w->title, strlen(w->title));

			free(w->title);
			w->title = t;
		}
		free(w->subtitle);
		w->subtitle = st;
		if (!w->title) {
			w->title = w->subtitle;
			w->subtitle = NULL;
		}
	}
}

static void append_note(colo_work *w, const char *s)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	if (w->note)
		colo_buf_printf(&b, "%s; ", w->note);
	colo_buf_puts(&b, s);
	free(w->note);
	w->note = colo_buf_steal(&b);
}

/* "Place: Publisher" labelled as one publisher. */
static void split_place(colo_work *w)
{
	char *c;

	if (!w->publisher || w->place)
		return;
	c = strstr(w->publisher, ": ");
	if (!c || c - w->publisher > 40 || c == w->publisher)
		return;
	*c = '\0';
	w->place = dup_clean(w->publisher, strlen(w->publisher));
	{
		char *p = dup_clean(c + 2, strlen(c + 2));

		free(w->publisher);
		w->publisher = p;
	}
}

static bool any_in(const char *s, const char *const *words)
{
	if (!s)
		return false;
	for (size_t i = 0; words[i]; i++)
		if (has_ci(s, strlen(s), words[i]))
			return true;
	return false;
}

static void infer_type(colo_work *w, colo_refs_hint hint, bool in_marker,
                       size_t neditors, size_t nauthors)
{
	static const char *const conference[] = {"proceedings", "conference",
	                                         "symposium", "workshop", "proc.",
	                                         "congress", NULL};
	static const char *const thesis[] = {"thesis", "diss", "doctoral",
	                                     "phd", "ph.d", "master's", NULL};
	static const char *const report[] = {"report", "working paper",
	                                     "discussion paper", "white paper",
	                                     "policy brief", "memo", NULL};
	const char *type = NULL;
	bool strong = false;

	if (any_in(w->genre, thesis)) {
		type = "thesis";
		strong = true;
	} else if (any_in(w->genre, report)) {
		type = "report";
		strong = true;
	} else if (w->container) {
		if (any_in(w->container, conference)) {
			type = "paper-conference";
			strong = true;
		} else if ((in_marker || (neditors && nauthors)) && !w->volume &&
		           !w->issue) {
			type = "chapter";
			strong = true;
		} else if (w->volume || w->issue) {
			type = "article-journal";
		} else if (w->publisher || w->isbn) {
			type = "chapter";
		} else if (w->month || w->day) {
			type = "article-magazine";
		} else {
			type = "article-journal";
		}
	} else if (w->eprint) {
		type = "article";
	} else if (w->publisher || w->isbn || w->edition || neditors) {
		type = "book";
	} else if (w->url) {
		type = "webpage";
	} else {
		type = "document";
	}
	if (hint.type && !strong) {
		static const char *const contained[] = {
			"article-journal", "article-magazine", "article-newspaper",
			"chapter", "paper-conference", "entry-encyclopedia",
			"post-weblog", NULL,
		};
		bool needs_container = false;

		for (size_t i = 0; contained[i]; i++)
			if (strcmp(hint.type, contained[i]) == 0)
				needs_container = true;
		/* A journal article with a volume stays one under "Books"; a
		 * book with a publisher and no container stays one under
		 * "Articles". */
		if (!(strcmp(hint.type, "book") == 0 && w->container &&
		      (w->volume || w->issue)) &&
		    !(needs_container && !w->container))
			type = hint.type;
	}
	colo_set_str(&w->type, type);
}

/* An abbreviated journal name keeps its last dot: "IEEE Trans. Aerosp."
 * (the edge trimming took it as the field's closing punctuation). */
static void abbrev_dot(char **slot, const char *raw, size_t n)
{
	const char *v = *slot;
	size_t vl, last;
	bool other = false;
	colo_buf b;

	if (!v)
		return;
	vl = strlen(v);
	while (n && (is_space(raw[n - 1]) || raw[n - 1] == ','))
		n--;
	if (!n || raw[n - 1] != '.' || v[vl - 1] == '.')
		return;
	last = vl;
	while (last > 0 && v[last - 1] != ' ')
		last--;
	if (vl - last > 8 || !is_upper(v[last]))
		return;
	for (size_t i = 1; i < last; i++)
		if (v[i] == '.' && v[i + 1] == ' ' && is_lower(v[i - 1]))
			other = true;
	if (!other)
		return;
	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "%s.", v);
	free(*slot);
	*slot = colo_buf_steal(&b);
}

/* "(Ed.)", "(eds.)", "eds.", "(Hrsg.)" */
static bool editor_mark(const char *p, size_t n)
{
	return has_ci(p, n, "(ed") || has_ci(p, n, "eds.") ||
	       has_ci(p, n, "ed.") || has_ci(p, n, "hrsg") ||
	       has_ci(p, n, "editor");
}

/* A one-word "author" right before ": " and a title is the first part of
 * the title, as plain CV lines write books: "Grounded: The Case for
 * Abolishing ... (Publisher, 2014)". */
static bool title_not_author(const char *s, const colo_ref_segment *segs,
                             size_t nsegs, span r, size_t next)
{
	for (size_t i = r.a; i < r.b; i++)
		if (is_space(s[i]) || s[i] == ',' || s[i] == '.' || s[i] == '&')
			return false;
	return next + 1 < nsegs && segs[next].label == COLO_REF_NONE &&
	       s[segs[next].start] == ':' && segs[next + 1].label == COLO_REF_TITLE;
}

/* No title, no names: the words in front of the first field are the
 * title ("Empire markets war (Routledge, 1996)", where the labeller took
 * the first words for a container). */
static void title_from_lead(const char *s, const colo_ref_segment *segs,
                            size_t nsegs, colo_work *w)
{
	size_t k = 0;
	const char *p;
	size_t n;

	while (k < nsegs && (segs[k].label == COLO_REF_NONE ||
	                     segs[k].label == COLO_REF_CONTAINER ||
	                     segs[k].label == COLO_REF_COLLECTION))
		k++;
	if (k == 0 || k == nsegs)
		return;
	p = s + segs[0].start;
	n = segs[k - 1].end - segs[0].start;
	while (n && (p[n - 1] == '(' || p[n - 1] == '[' || is_space(p[n - 1]) ||
	             p[n - 1] == ','))
		n--;
	set_field(&w->title, p, n);
	if (w->title) {
		free(w->container);
		w->container = NULL;
		free(w->series);
		w->series = NULL;
	}
}

bool colo_refs_make_work(const char *s, size_t len, const colo_ref_segment *segs,
                         size_t nsegs, colo_refs_hint hint, colo_work *w,
                         const char **why)
{
	span r;
	size_t next = 0, nauthors = 0, neditors = 0;
	bool in_marker = false;
	unsigned more = 0; /* "et al." after a role's names: COLO_MORE bits */

	*why = NULL;
	/* names: the first run of authors (later ones are the labeller's
	 * slips), every run of editors, the translators */
	if (first_run(segs, nsegs, COLO_REF_AUTHOR, 0, &r, &next)) {
		size_t before = w->ncreators;
		bool e = false;

		if (title_not_author(s, segs, nsegs, r, next)) {
			/* "Grounded: The Case for ..." read as an author */
			span t = r; /* no title run: the author run alone */

			first_run(segs, nsegs, COLO_REF_TITLE, next, &t, NULL);
			set_field(&w->title, s + r.a, t.b - r.a);
		} else {
			colo_refs_add_names(w, s + r.a, r.b - r.a, COLO_ROLE_AUTHOR, &e);
			if (e)
				more |= COLO_MORE(COLO_ROLE_AUTHOR);
			/* "Smith, J. (Ed.)." with the role left unlabelled */
			for (size_t k = next; k < nsegs && segs[k].label == COLO_REF_NONE;
			     k++)
				if (editor_mark(s + segs[k].start, segs[k].end - segs[k].start)) {
					for (size_t c = before; c < w->ncreators; c++)
						w->creators[c].role = COLO_ROLE_EDITOR;
					if (e)
						more = COLO_MORE(COLO_ROLE_EDITOR);
				}
		}
	}
	for (size_t from = 0; first_run(segs, nsegs, COLO_REF_EDITOR, from, &r, &next);
	     from = next) {
		bool e = false;

		colo_refs_add_names(w, s + r.a, r.b - r.a, COLO_ROLE_EDITOR, &e);
		if (e)
			more |= COLO_MORE(COLO_ROLE_EDITOR);
	}
	if (first_run(segs, nsegs, COLO_REF_TRANSLATOR, 0, &r, NULL))
		colo_refs_add_names(w, s + r.a, r.b - r.a, COLO_ROLE_TRANSLATOR, NULL);
	for (size_t i = 0; i < w->ncreators; i++) {
		if (w->creators[i].role == COLO_ROLE_EDITOR)
			neditors++;
		else if (w->creators[i].role == COLO_ROLE_AUTHOR)
			nauthors++;
	}
	/* "et al.": the list is not complete (BibTeX's "and others") */
	w->creators_more |= more;

	if (!w->title && first_run(segs, nsegs, COLO_REF_TITLE, 0, &r, NULL))
		set_seg(&w->title, s, len, r);
	if (first_run(segs, nsegs, COLO_REF_CONTAINER, 0, &r, NULL)) {
		const char *p = s + r.a;
		size_t n = r.b - r.a;

		trim_edges(&p, &n);
		if (prefix_ci(p, n, "in:") || (n > 3 && prefix_ci(p, n, "in ") &&
		                                    (p[0] == 'I' || p[0] == 'i'))) {
			in_marker = true;
			p += 2;
			n -= 2;
		}
		set_field(&w->container, p, n);
		abbrev_dot(&w->container, s + r.a,
		           r.b - r.a + (r.b < len && s[r.b] == '.'));
	}
	/* "In" just before the container (or its editors) marks a chapter */
	for (size_t i = 0; i < nsegs && !in_marker; i++) {
		const char *p = s + segs[i].start;
		size_t n = segs[i].end - segs[i].start;

		if ((segs[i].label == COLO_REF_NONE || segs[i].label == COLO_REF_EDITOR) &&
		    (prefix_ci(p, n, "in:") || (n >= 2 && prefix_ci(p, n, "in") &&
		                                (n == 2 || p[2] == ' '))))
			in_marker = segs[i].label == COLO_REF_EDITOR || i + 1 < nsegs;
	}
	if (first_run(segs, nsegs, COLO_REF_COLLECTION, 0, &r, NULL))
		set_seg(&w->series, s, len, r);
	if (first_run(segs, nsegs, COLO_REF_PUBLISHER, 0, &r, NULL))
		set_seg(&w->publisher, s, len, r);
	if (first_run(segs, nsegs, COLO_REF_LOCATION, 0, &r, NULL))
		set_seg(&w->place, s, len, r);
	split_place(w);
	/* Names, no title, and a "container" with no volume, issue or
	 * pages: a short book title ("Morrison, Toni. Beloved. Knopf, 1987.") that
	 * the labeller read as a journal. */
	if (!w->title && w->container && w->ncreators && !in_marker &&
	    !first_run(segs, nsegs, COLO_REF_VOLUME, 0, &r, NULL) &&
	    !first_run(segs, nsegs, COLO_REF_ISSUE, 0, &r, NULL) &&
	    !first_run(segs, nsegs, COLO_REF_PAGES, 0, &r, NULL)) {
		w->title = w->container;
		w->container = NULL;
	}
	/* A place alone, in a reference with no container, is far more
	 * often a publisher the labeller took for one: places are written
	 * "Place: Publisher".  (A conference paper's place is its venue.) */
	if (w->place && !w->publisher && !w->container) {
		w->publisher = w->place;
		w->place = NULL;
	}
	if (first_run(segs, nsegs, COLO_REF_GENRE, 0, &r, NULL))
		set_seg(&w->genre, s, len, r);
	for (size_t i = 0; i < nsegs; i++) {
		const char *p = s + segs[i].start;
		size_t n = segs[i].end - segs[i].start;

		switch (segs[i].label) {
		case COLO_REF_DATE:
			if (!w->year)
				parse_date(p, n, w);
			break;
		case COLO_REF_VOLUME:
			if (!w->volume && !parse_vip(p, n, w)) {
				w->volume = clean_number(p, n);
				volume_issue(p, n, w);
			}
			break;
		case COLO_REF_ISSUE:
			if (!w->issue)
				w->issue = clean_number(p, n);
			break;
		case COLO_REF_PAGES:
			if (!w->pages)
				w->pages = clean_pages(p, n);
			break;
		case COLO_REF_EDITION:
			if (!w->edition)
				w->edition = clean_edition(p, n);
			break;
		case COLO_REF_DOI:
			if (!w->doi)
				find_doi(p, n, w);
			break;
		case COLO_REF_URL:
			if (!w->url)
				find_url(p, n, w);
			break;
		case COLO_REF_ISBN:
			if (!w->isbn && !find_isbn(p, n, false, w))
				find_isbn(p, n, true, w);
			break;
		case COLO_REF_ARXIV:
			if (!w->eprint)
				find_arxiv(p, n, true, w);
			break;
		case COLO_REF_NOTE: {
			char *v = dup_clean(p, n);

			if (v)
				append_note(w, v);
			free(v);
			break;
		}
		default:
			break;
		}
	}
	/* Identifiers have shapes of their own: found anywhere. */
	if (!w->doi)
		find_doi(s, len, w);
	if (!w->url)
		find_url(s, len, w);
	if (!w->isbn)
		find_isbn(s, len, false, w);
	if (!w->eprint)
		find_arxiv(s, len, false, w);
	/* A year the labeller missed: the first one outside the title and
	 * the container ("Air Force 1947" is not a date). */
	if (!w->year) {
		for (size_t i = 0; i < nsegs && !w->year; i++) {
			colo_ref_label l = segs[i].label;

			if (l == COLO_REF_TITLE || l == COLO_REF_CONTAINER ||
			    l == COLO_REF_COLLECTION || l == COLO_REF_DOI ||
			    l == COLO_REF_URL || l == COLO_REF_ISBN || l == COLO_REF_PAGES ||
			    l == COLO_REF_ARXIV)
				continue;
			for (size_t k = segs[i].start; k < segs[i].end && !w->year; k++)
				if (year_at(s, segs[i].end, k))
					parse_date(s + k, segs[i].end - k, w);
		}
	}
	if (w->doi && w->url && has_ci(w->url, strlen(w->url), w->doi)) {
		free(w->url);
		w->url = NULL;
	}
	if (!w->title && !w->ncreators)
		title_from_lead(s, segs, nsegs, w);
	split_subtitle(w);
	/* Physics and some Vancouver references name no title: the
	 * journal, volume and page (or an identifier) are the work. */
	if (!w->title &&
	    !(w->container && (w->volume || w->pages) &&
	      (w->ncreators || (w->volume && w->pages && w->year))) &&
	    !w->doi && !w->eprint) {
		*why = "no title found";
		return false;
	}
	if (!w->ncreators && !w->year && !w->container && !w->publisher &&
	    !w->doi && !w->isbn && !w->url && !w->eprint) {
		*why = "only a title: no names, date, publisher, container or "
		       "identifier";
		return false;
	}
	if (hint.edited && !neditors)
		for (size_t i = 0; i < w->ncreators; i++)
			if (w->creators[i].role == COLO_ROLE_AUTHOR) {
				w->creators[i].role = COLO_ROLE_EDITOR;
				neditors++;
				nauthors--;
			}
	/* Under "Op-Eds" or "Magazine Articles" the name after the title is
	 * the periodical, whichever label it got. */
	if (hint.type && !w->container && w->publisher && !w->place &&
	    (strcmp(hint.type, "article-newspaper") == 0 ||
	     strcmp(hint.type, "article-magazine") == 0 ||
	     strcmp(hint.type, "post-weblog") == 0)) {
		w->container = w->publisher;
		w->publisher = NULL;
	}
	infer_type(w, hint, in_marker, neditors, nauthors);
	return true;
}
