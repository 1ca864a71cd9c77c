/* split.c - cutting a publication list or bibliography into references.
 *
 * Works line by line over plain text or Markdown (HTML is turned into
 * text by refs.c first): list markers ("- ", "[12]", "12.", "(12)") and
 * blank lines start references; inside a block, a line continues the
 * reference above it unless that reference looks finished and the line
 * looks like the start of a new one (a name, a quote, a year).  Headings
 * become type hints.  It knows nothing about fields: that is the
 * labeller's and fields.c's job.  One pass; no step looks further back
 * or ahead than a fixed number of bytes, so time is linear. */
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/mem.h"
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

/* Letters, with any non-ASCII byte counted as one (names and words in
 * other scripts). */
static bool is_alpha(char c)
{
	return is_upper(c) || is_lower(c) || (unsigned char)c >= 0x80;
}

static bool is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* ---- headings ---------------------------------------------------------- */

/* Words a section heading of a publication list is made of.  A line made
 * only of these (and at least one that is not filler) is a heading. */
static const char *const heading_words[] = {
	"books", "book", "monographs", "monograph", "journal", "journals",
	"articles", "article", "edited", "volumes", "volume", "collections",
	"chapters", "chapter", "contributions", "op-eds", "op-ed", "opeds",
	"opinion", "commentary", "commentaries", "columns", "newspaper",
	"magazine", "magazines", "popular", "essays", "essay", "reviews",
	"review", "peer-reviewed", "peer", "reviewed", "refereed",
	"non-refereed", "conference", "conferences", "proceedings", "papers",
	"paper", "reports", "report", "working", "policy", "technical",
	"theses", "thesis", "dissertation", "dissertations", "blog", "posts",
	"encyclopedia", "entries", "publications", "publication", "selected",
	"recent", "major", "scholarly", "academic", "public", "press",
	"writing", "writings", "works", "cited", "references", "bibliography",
	"translations", "pieces", "invited", "forthcoming", "submitted",
	"progress", "under", "research", "other", "co-authored",
	"sole-authored", "authored", "talks", "presentations", "media",
	"online", "short", "fiction", "poetry", "edited-volumes", NULL,
};

static const char *const filler_words[] = {"and", "in", "of", "to", "the",
                                           "&", "for", "a", NULL};

static bool word_in(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

bool colo_refs_heading_hint(const char *s, size_t len, colo_refs_hint *out)
{
	char w[32];
	size_t i = 0, content = 0;
	bool chapter = false, edited = false, book = false, review = false;
	const char *type = NULL;

	out->type = NULL;
	out->edited = false;
	if (len > 120)
		return false;
	while (i < len) {
		size_t n = 0;

		while (i < len && (is_space(s[i]) || s[i] == ':' || s[i] == '*' ||
		                   s[i] == '_' || s[i] == '#' || s[i] == '/' ||
		                   s[i] == ','))
			i++;
		if (i >= len)
			break;
		while (i < len && !is_space(s[i]) && s[i] != ':' && s[i] != '*' &&
		       s[i] != '_' && s[i] != '/' && s[i] != ',') {
			if (n >= sizeof w - 1)
				return false;
			w[n++] = lower(s[i++]);
		}
		/* "(Selected)", "Books." */
		while (n && (w[n - 1] == ')' || w[n - 1] == '.'))
			n--;
		if (n && w[0] == '(') {
			memmove(w, w + 1, n - 1);
			n--;
		}
		if (!n)
			continue;
		w[n] = '\0';
		if (word_in(w, n, filler_words))
			continue;
		if (!word_in(w, n, heading_words))
			return false;
		content++;
		if (strncmp(w, "chapter", 7) == 0 || strcmp(w, "contributions") == 0)
			chapter = true;
		else if (strcmp(w, "edited") == 0 || strcmp(w, "edited-volumes") == 0)
			edited = true;
		else if (strncmp(w, "book", 4) == 0 || strncmp(w, "monograph", 9) == 0)
			book = true;
		else if (strncmp(w, "review", 6) == 0 && strcmp(w, "reviewed") != 0)
			review = true;
		else if (!type) {
			if (strncmp(w, "thes", 4) == 0 || strncmp(w, "dissertation", 12) == 0)
				type = "thesis";
			else if (strncmp(w, "conference", 10) == 0 ||
			         strcmp(w, "proceedings") == 0)
				type = "paper-conference";
			else if (strncmp(w, "report", 6) == 0 || strcmp(w, "working") == 0 ||
			         strcmp(w, "policy") == 0 || strcmp(w, "technical") == 0)
				type = "report";
			else if (strncmp(w, "op", 2) == 0 || strcmp(w, "opinion") == 0 ||
			         strncmp(w, "comment", 7) == 0 || strcmp(w, "columns") == 0 ||
			         strcmp(w, "newspaper") == 0)
				type = "article-newspaper";
			else if (strncmp(w, "magazine", 8) == 0 || strcmp(w, "popular") == 0)
				type = "article-magazine";
			else if (strcmp(w, "blog") == 0 || strcmp(w, "posts") == 0)
				type = "post-weblog";
			else if (strcmp(w, "encyclopedia") == 0)
				type = "entry-encyclopedia";
			else if (strncmp(w, "journal", 7) == 0 || strncmp(w, "article", 7) == 0 ||
			         strcmp(w, "peer-reviewed") == 0 || strcmp(w, "refereed") == 0)
				type = "article-journal";
		}
	}
	if (!content)
		return false;
	/* "Book Chapters", "Chapters in Edited Volumes": chapters; "Book
	 * Reviews": reviews; "Edited Volumes": books by their editors. */
	if (chapter)
		type = "chapter";
	else if (review && book)
		type = "review-book";
	else if (review && !type)
		type = "review";
	else if (edited || book)
		type = "book";
	out->type = type;
	out->edited = edited && !chapter;
	return true;
}

/* ---- lines --------------------------------------------------------------- */

typedef struct line_info {
	size_t ls, next; /* line start; start of the next line */
	size_t cs, ce;   /* content: indent skipped, trailing white space cut */
	unsigned indent; /* columns, a tab counting four */
	unsigned lineno;
} line_info;

static bool read_line(const char *t, size_t len, size_t pos, unsigned lineno,
                      line_info *li)
{
	size_t e;
	const char *nl;

	if (pos >= len)
		return false;
	nl = memchr(t + pos, '\n', len - pos);
	e = nl ? (size_t)(nl - t) : len;
	li->ls = pos;
	li->next = nl ? e + 1 : len;
	li->indent = 0;
	li->cs = pos;
	while (li->cs < e && is_space(t[li->cs])) {
		li->indent += t[li->cs] == '\t' ? 4 : 1;
		li->cs++;
	}
	li->ce = e;
	while (li->ce > li->cs && (is_space(t[li->ce - 1]) || t[li->ce - 1] == '\0'))
		li->ce--;
	li->lineno = lineno;
	return true;
}

static bool starts_with(const char *t, size_t p, size_t e, const char *lit)
{
	size_t n = strlen(lit);

	return e - p >= n && memcmp(t + p, lit, n) == 0;
}

/* A list marker at t[p..e): a bullet, "[12]", "(12)", "12." or "12)",
 * followed by white space (or the end of the line).  Sets *after to the
 * content after it and *num to the number (-1 for a bullet). */
static bool parse_marker(const char *t, size_t p, size_t e, long last,
                         size_t *after, long *num, bool *bracket)
{
	static const char *const bullets[] = {
		"-", "*", "+", "\xe2\x80\xa2" /* • */, "\xc2\xb7" /* · */,
		"\xe2\x80\x93" /* – */, "\xe2\x80\x94" /* — */,
		"\xe2\x96\xaa" /* ▪ */, "\xe2\x97\xa6" /* ◦ */,
		"\xe2\x80\xa3" /* ‣ */, "\xe2\x97\x8f" /* ● */,
		"\xe2\x96\xa0" /* ■ */, "\xe2\x97\x8b" /* ○ */, NULL,
	};
	size_t q = p, d;
	long n = 0;
	char open = 0;

	*num = -1;
	*bracket = false;
	for (size_t i = 0; bullets[i]; i++)
		if (starts_with(t, p, e, bullets[i])) {
			q = p + strlen(bullets[i]);
			if (q < e && !is_space(t[q]))
				break;
			while (q < e && is_space(t[q]))
				q++;
			*after = q;
			return true;
		}
	if (q < e && (t[q] == '[' || t[q] == '('))
		open = t[q++];
	d = q;
	while (q < e && is_digit(t[q]) && q - d < 6)
		n = n * 10 + (t[q++] - '0');
	if (q == d)
		return false;
	if (open == '[') {
		if (q >= e || t[q] != ']')
			return false;
		q++;
		if (q < e && t[q] == '.')
			q++;
		*bracket = true;
	} else if (open == '(') {
		if (q >= e || t[q] != ')')
			return false;
		q++;
	} else {
		if (q >= e || (t[q] != '.' && t[q] != ')'))
			return false;
		/* "2014. Title." is a year, not item 2014 -- unless the list
		 * really counts up to it. */
		if (q - d == 4 && n >= 1500 && n <= 2099 && n != last + 1)
			return false;
		q++;
		if (q >= e)
			return false; /* "649." alone: pages, not an item */
	}
	if (q < e && !is_space(t[q]))
		return false;
	while (q < e && is_space(t[q]))
		q++;
	*after = q;
	*num = n;
	return true;
}

/* ---- the splitter ---------------------------------------------------- */

typedef struct splitter {
	const char *t;
	size_t len;
	colo_refs_list *out;
	colo_buf buf; /* the open reference's text */
	bool open;
	size_t start, end;
	unsigned line, col;
	long number;
	bool bracket; /* numbered "[n]": a later "[n+1]" on the line splits */
	bool marked;  /* started by a list marker */
	unsigned indent;
	bool hung;     /* a continuation line was indented under the first */
	bool has_year; /* a year (or "n.d.") was seen in it */
	long last_number;
	colo_refs_hint hint;
	size_t wrap;     /* the width the text was filled to; 0: not filled */
	bool hanging;    /* the text uses hanging indents throughout */
	size_t prev_len; /* characters in the previous line */
} splitter;

static void close_entry(splitter *sp)
{
	colo_refs_entry *e;

	if (!sp->open)
		return;
	sp->open = false;
	while (sp->buf.len && sp->buf.data[sp->buf.len - 1] == ' ')
		sp->buf.data[--sp->buf.len] = '\0';
	if (!sp->buf.len) {
		colo_buf_reset(&sp->buf);
		return;
	}
	colo_grow((void **)&sp->out->items, &sp->out->cap, sp->out->n + 1,
	          sizeof *sp->out->items);
	e = &sp->out->items[sp->out->n++];
	e->len = sp->buf.len;
	e->text = colo_buf_steal(&sp->buf);
	e->start = sp->start;
	e->end = sp->end;
	e->line = sp->line;
	e->col = sp->col;
	e->number = sp->number;
	e->hint = sp->hint;
	if (sp->number >= 0)
		sp->last_number = sp->number;
}

static void open_entry(splitter *sp, size_t start, unsigned line,
                       unsigned col, long number, bool bracket, bool marked,
                       unsigned indent)
{
	close_entry(sp);
	colo_buf_reset(&sp->buf);
	sp->open = true;
	sp->start = sp->end = start;
	sp->line = line;
	sp->col = col;
	sp->number = number;
	sp->bracket = bracket;
	sp->marked = marked;
	sp->indent = indent;
	sp->hung = false;
	sp->has_year = false;
}

static void put(splitter *sp, char c)
{
	if (c == ' ' && (!sp->buf.len || sp->buf.data[sp->buf.len - 1] == ' '))
		return;
	colo_buf_putc(&sp->buf, c);
}

/* Years 1500-2099 standing alone, or "n.d.": a reference's date. */
static bool scan_year(const char *t, size_t a, size_t b)
{
	for (size_t i = a; i + 4 <= b; i++) {
		if (t[i] == 'n' && i + 4 <= b && memcmp(t + i, "n.d.", 4) == 0)
			return true;
		if (!is_digit(t[i]) || (i > a && is_digit(t[i - 1])))
			continue;
		if (is_digit(t[i + 1]) && is_digit(t[i + 2]) && is_digit(t[i + 3]) &&
		    (i + 4 == b || !is_digit(t[i + 4]))) {
			int y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 +
			        (t[i + 2] - '0') * 10 + (t[i + 3] - '0');

			if (y >= 1500 && y <= 2099)
				return true;
		}
	}
	return false;
}

/* Markdown "[text](url)" at t[p] ('['): sets the parts and returns the
 * end, or 0.  Bounded look-ahead keeps a line of brackets linear. */
static size_t md_link(const char *t, size_t p, size_t e, size_t *te,
                      size_t *us, size_t *ue)
{
	size_t q = p + 1;

	while (q < e && q - p < 400 && t[q] != ']' && t[q] != '[')
		q++;
	if (q >= e || t[q] != ']' || q + 1 >= e || t[q + 1] != '(')
		return 0;
	*te = q;
	*us = q + 2;
	q += 2;
	while (q < e && q - *us < 400 && t[q] != ')' && !is_space(t[q]) &&
	       t[q] != '(')
		q++;
	if (q >= e || t[q] != ')' || q == *us)
		return 0;
	*ue = q;
	return q + 1;
}

static bool url_start(const char *t, size_t p, size_t e)
{
	return starts_with(t, p, e, "http://") || starts_with(t, p, e, "https://") ||
	       starts_with(t, p, e, "www.") || starts_with(t, p, e, "<http") ||
	       starts_with(t, p, e, "doi:") || starts_with(t, p, e, "10.");
}

/* Appends t[a..b) of line `li` to the open reference: Markdown emphasis
 * markers dropped, links as "text url", white space squashed.  In a
 * "[n]" list, "[n+1]" later on the line starts the next reference (lists
 * pasted from a PDF often lose their line breaks). */
static void append(splitter *sp, size_t a, size_t b, const line_info *li)
{
	const char *t = sp->t;
	bool in_url = false;

	if (scan_year(t, a, b))
		sp->has_year = true;
	for (size_t i = a; i < b; i++) {
		char c = t[i];
		bool tok_start = i == a || is_space(t[i - 1]);

		if (is_space(c) || c == '\0') {
			in_url = false;
			put(sp, ' ');
			continue;
		}
		if (tok_start && url_start(t, i, b))
			in_url = true;
		if (in_url) {
			colo_buf_putc(&sp->buf, c);
			sp->end = i + 1;
			continue;
		}
		if (c == '[') {
			size_t te, us, ue, end;
			long n = 0;
			size_t q = i + 1;

			if (sp->bracket && sp->number >= 0 && tok_start && i > a) {
				while (q < b && is_digit(t[q]) && q - i < 7)
					n = n * 10 + (t[q++] - '0');
				if (q > i + 1 && q < b && t[q] == ']' && n == sp->number + 1 &&
				    (q + 1 == b || is_space(t[q + 1]))) {
					q++;
					while (q < b && is_space(t[q]))
						q++;
					open_entry(sp, i, li->lineno,
					           (unsigned)(i - li->ls + 1), n, true, true,
					           sp->indent);
					if (scan_year(t, q, b))
						sp->has_year = true;
					i = q - 1;
					continue;
				}
			}
			end = md_link(t, i, b, &te, &us, &ue);
			if (end) {
				for (size_t k = i + 1; k < te; k++) {
					char d = t[k];

					if (d == '*' || d == '_')
						continue;
					put(sp, is_space(d) ? ' ' : d);
				}
				put(sp, ' ');
				colo_buf_append(&sp->buf, t + us, ue - us);
				sp->end = end;
				i = end - 1;
				continue;
			}
		}
		if (c == '*' || c == '_') {
			char prev = i > a ? t[i - 1] : ' ';
			char next = i + 1 < b ? t[i + 1] : ' ';
			bool opening = !is_space(next) && !is_alnum(prev);
			bool closing = !is_space(prev) && !is_alnum(next);

			if (opening || closing)
				continue;
		}
		colo_buf_putc(&sp->buf, c);
		sp->end = i + 1;
	}
}

/* The last word of the open reference's text (at most 32 bytes back). */
static void last_word(const splitter *sp, const char **w, size_t *n)
{
	const char *d = sp->buf.data;
	size_t e = sp->buf.len, s = e;

	while (s > 0 && e - s < 32 && d[s - 1] != ' ')
		s--;
	*w = d + s;
	*n = e - s;
}

/* Whether the reference so far can end where it does: FINISHED after
 * closing punctuation, a digit or a URL; HARD when something must follow
 * (a hyphen, a comma, an initial such as "R.", an abbreviation such as
 * "pp." or "eds.", "and", "of"); SOFT after any other word (no closing
 * punctuation, but some lists use none). */
enum { FINISHED = 0, SOFT = 1, HARD = 2 };

static int unfinished(const splitter *sp)
{
	static const char *const abbrevs[] = {
		"pp.", "p.", "vol.", "Vol.", "no.", "No.", "ed.", "Ed.", "eds.",
		"Eds.", "al.", "trans.", "Trans.", "In.", "and", "&", "in", "In",
		"of", "the", "by", "pp", "vols.", "edn.", "rev.", "Rev.", "Dr.",
		"St.", "Mr.", "Ms.", "Prof.", "Jr.", "Sr.", "a", "an", "on", "for",
		"to", "with", "from", "at", "The", "A", "An", NULL,
	};
	const char *d = sp->buf.data;
	size_t n = sp->buf.len;
	const char *w;
	size_t wn;
	unsigned char c;

	if (!n)
		return FINISHED;
	c = (unsigned char)d[n - 1];
	last_word(sp, &w, &wn);
	for (size_t i = 0; abbrevs[i]; i++)
		if (strlen(abbrevs[i]) == wn && memcmp(abbrevs[i], w, wn) == 0)
			return HARD;
	/* an initial: "R." or "R.M." */
	if (wn >= 2 && w[wn - 1] == '.' && is_upper(w[wn - 2]) &&
	    (wn == 2 || w[wn - 3] == '.' || w[wn - 3] == '('))
		return HARD;
	if (c == ',' || c == ';' || c == ':' || c == '-' || c == '(' ||
	    c == '&' || c == '/' || c == '[')
		return HARD;
	/* IEEE's "Title," with the comma inside the quotes */
	if (n >= 2 && d[n - 2] == ',' && c == '"')
		return HARD;
	if (n >= 4 && d[n - 4] == ',' && (unsigned char)d[n - 3] == 0xE2 &&
	    (unsigned char)d[n - 2] == 0x80 && (unsigned char)d[n - 1] == 0x9D)
		return HARD;
	if (c == '.' || c == ')' || c == ']' || c == '"' || c == '\'' ||
	    c == '!' || c == '?' || c == '>' || is_digit((char)c))
		return FINISHED;
	/* closing quotes and guillemets */
	if (n >= 3 && (unsigned char)d[n - 3] == 0xE2 &&
	    (unsigned char)d[n - 2] == 0x80 &&
	    ((unsigned char)d[n - 1] == 0x9D || (unsigned char)d[n - 1] == 0x99))
		return FINISHED;
	if (n >= 2 && (unsigned char)d[n - 2] == 0xC2 && (unsigned char)d[n - 1] == 0xBB)
		return FINISHED;
	/* a reference that ends in its URL or DOI */
	for (size_t i = 0; i + 3 <= wn; i++)
		if (memcmp(w + i, "://", 3) == 0 || memcmp(w + i, "10.", 3) == 0)
			return FINISHED;
	return SOFT;
}

/* A capitalised word at t[p..e): its end, or p. */
static size_t cap_word(const char *t, size_t p, size_t e)
{
	size_t q = p;

	if (q >= e || !(is_upper(t[q]) || (unsigned char)t[q] >= 0xC0))
		return p;
	q++;
	while (q < e && (is_alpha(t[q]) || t[q] == '\'' || t[q] == '-'))
		q++;
	return q;
}

/* Initials at t[p..e): "R.", "R. M.", "R.M.", "R.-M."; their end, or p. */
static size_t initials(const char *t, size_t p, size_t e)
{
	size_t q = p, good = p;

	while (q + 1 < e && is_upper(t[q]) && t[q + 1] == '.') {
		q += 2;
		good = q;
		if (q < e && (t[q] == ' ' || t[q] == '-'))
			q++;
	}
	return good;
}

/* "Robert Farley and Yuki Sato. 2022." (ACM, Chicago author-date) or
 * "Robert Farley (2014)": words of names, then the year after ". " or
 * "(" -- not after ", ", which is how MLA ends a reference. */
static bool names_then_year(const char *t, size_t p, size_t e)
{
	size_t q = p;

	if (q >= e || !(is_upper(t[q]) || (unsigned char)t[q] >= 0xC0))
		return false;
	while (q < e && q - p < 250 &&
	       (is_alpha(t[q]) || t[q] == ' ' || t[q] == ',' || t[q] == '.' ||
	        t[q] == '-' || t[q] == '\'' || t[q] == '&'))
		q++;
	if (q + 4 > e || q - p < 5)
		return false;
	if (t[q] == '(')
		q++;
	else if (!(t[q - 1] == ' ' && t[q - 2] == '.'))
		return false;
	return q + 4 <= e && scan_year(t, q, q + 4) &&
	       (q + 4 == e || !is_digit(t[q + 4]));
}

/* Whether the line t[p..e) reads like the first line of a reference:
 * "Farley, R.", "Farley, Robert", "R. Farley", "Farley RM,", "Robert
 * Farley, Title", or a year in front.  (A quoted title is not: it
 * follows the year on a wrapped line as often as it starts a reference
 * with no author.)  *strong: one of the
 * name shapes with a comma; *initials: a name with initials ("Farley,
 * R.", "R. Farley", "Farley RM,"). */
static bool looks_like_start(const char *t, size_t p, size_t e, bool *strong,
                             bool *initialled)
{
	size_t q, r;

	*strong = false;
	*initialled = false;
	if (p >= e)
		return false;
	if (e - p >= 5 && is_digit(t[p]) && is_digit(t[p + 1]) && is_digit(t[p + 2]) &&
	    is_digit(t[p + 3]) && (t[p + 4] == '.' || t[p + 4] == ':' || t[p + 4] == ')' ||
	                           t[p + 4] == ' ' || t[p + 4] == ','))
		return true;
	q = cap_word(t, p, e);
	if (q > p) {
		/* "Farley, R." / "Farley, Robert" / "FARLEY, R." */
		if (q + 2 < e && t[q] == ',' && t[q + 1] == ' ') {
			r = q + 2;
			if (initials(t, r, e) > r) {
				*strong = *initialled = true;
				return true;
			}
			if (cap_word(t, r, e) > r) {
				size_t s = cap_word(t, r, e);

				if (s >= e || t[s] == ',' || t[s] == '.' || t[s] == ' ') {
					*strong = true;
					return true;
				}
			}
		}
		/* "Farley RM," "Farley R." */
		if (q + 1 < e && t[q] == ' ') {
			size_t s = q + 1, k = s;

			while (k < e && is_upper(t[k]) && k - s < 3)
				k++;
			if (k > s && (k == e || t[k] == ',' || t[k] == '.') &&
			    (k == e || k + 1 == e || t[k + 1] == ' ')) {
				*initialled = true;
				return true;
			}
			/* "Robert Farley, Grounded" (not "International
			 * Security, 8(11)") */
			k = cap_word(t, s, e);
			if (k > s && k + 2 < e && t[k] == ',' && t[k + 1] == ' ' &&
			    (is_upper(t[k + 2]) || t[k + 2] == '"' ||
			     (unsigned char)t[k + 2] >= 0xC0)) {
				*strong = true;
				return true;
			}
		}
	}
	/* "R. Farley" */
	q = initials(t, p, e);
	if (q > p && q < e && t[q] == ' ' && cap_word(t, q + 1, e) > q + 1) {
		*strong = *initialled = true;
		return true;
	}
	if (names_then_year(t, p, e)) {
		*strong = true;
		return true;
	}
	return false;
}

/* Whether a text line (not a list item) is a heading.  `alone`: the line
 * before is blank (or the start) and the line after is blank, a list
 * item, or the end. */
static bool is_heading(const char *t, const line_info *li, bool lines,
                       bool alone, colo_refs_hint *hint)
{
	size_t p = li->cs, e = li->ce, words = 1;
	bool markdown = false;

	if (p < e && t[p] == '#') {
		size_t q = p;

		while (q < e && t[q] == '#' && q - p < 6)
			q++;
		if (q == e || t[q] == ' ')
			markdown = true;
	}
	if (markdown) {
		if (!colo_refs_heading_hint(t + p, e - p, hint)) {
			hint->type = NULL;
			hint->edited = false;
		}
		return true;
	}
	if (e - p > 80 || t[e - 1] == '.' || t[e - 1] == ',' || t[e - 1] == ';')
		return false;
	if (!is_upper(t[p]) && t[p] != '*' && t[p] != '_' &&
	    (unsigned char)t[p] < 0xC0)
		return false;
	if (colo_refs_heading_hint(t + p, e - p, hint))
		return true;
	if (lines || !alone)
		return false;
	/* A short line of words on its own: "Selected Writing", "Recent
	 * Work:". */
	for (size_t i = p; i < e; i++) {
		if (is_digit(t[i]) || t[i] == '(' || t[i] == '"')
			return false;
		if (t[i] == ' ')
			words++;
	}
	if (words > 6)
		return false;
	hint->type = NULL;
	hint->edited = false;
	return true;
}

/* Joins the next line's text onto the open reference: "informa-" +
 * "tion" is "information"; "Sino-" + "American" keeps its hyphen; a URL
 * broken after "/" or "." is joined without a space. */
static void join(splitter *sp, const char *t, size_t cs, size_t ce)
{
	char *d = sp->buf.data;
	size_t n = sp->buf.len;
	const char *w;
	size_t wn;
	bool url = false;

	if (!n || cs >= ce)
		return;
	last_word(sp, &w, &wn);
	for (size_t i = 0; i + 3 <= wn; i++)
		if (memcmp(w + i, "://", 3) == 0 || memcmp(w + i, "10.", 3) == 0 ||
		    (i == 0 && memcmp(w, "www", 3) == 0) ||
		    (i == 0 && wn >= 4 && memcmp(w, "doi:", 4) == 0))
			url = true;
	if (n >= 2 && (unsigned char)d[n - 2] == 0xC2 && (unsigned char)d[n - 1] == 0xAD) {
		/* a soft hyphen: always a break inside a word */
		sp->buf.len -= 2;
		sp->buf.data[sp->buf.len] = '\0';
		return;
	}
	if (url) {
		char c = d[n - 1];

		/* after a '.', only when the line goes on in lower case or
		 * digits: "...10.1080/01402390." + "2019.123" */
		if (c == '/' || c == '-' || c == '_' || c == '=' || c == '?' ||
		    c == '&' || c == '#' ||
		    (c == '.' && (is_lower(t[cs]) || is_digit(t[cs]))))
			return;
		put(sp, ' ');
		return;
	}
	if (d[n - 1] == '-' && n >= 2 && is_alpha(d[n - 2]) && is_alpha(t[cs])) {
		/* "self-" + "reliance": prefixes that keep their hyphen */
		static const char *const keep[] = {"self-", "Self-", "non-", "Non-",
		                                   "quasi-", "semi-", "cross-",
		                                   "well-", "ex-", "half-", "all-",
		                                   NULL};

		for (size_t i = 0; keep[i]; i++)
			if (strlen(keep[i]) == wn && memcmp(w, keep[i], wn) == 0)
				return;
		if (is_lower(t[cs])) {
			sp->buf.len--;
			sp->buf.data[sp->buf.len] = '\0';
		}
		return;
	}
	put(sp, ' ');
}

/* Characters (not bytes) in t[a..b). */
static size_t chars(const char *t, size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = a; i < b; i++)
		n += ((unsigned char)t[i] & 0xC0) != 0x80;
	return n;
}

/* Whether the text was filled to a fixed width (fmt, an editor's fill,
 * textwrap): many lines end within a word's length of the longest, and
 * none is long.  Then a line that stopped short of the width, when the
 * next line's first word would have fitted on it, ended its reference;
 * and a line that could not take that word was broken by the filling.
 * The width, or 0. */
static size_t fill_width(const char *t, size_t len)
{
	size_t w = 0, lines = 0, full = 0, pos = 0;
	line_info li;
	unsigned ln = 1;

	while (read_line(t, len, pos, ln++, &li)) {
		size_t n = chars(t, li.ls, li.ce);

		pos = li.next;
		if (li.cs == li.ce)
			continue;
		lines++;
		if (n > w)
			w = n;
		if (w > 100)
			return 0;
	}
	if (w < 40 || lines < 5)
		return 0;
	pos = 0;
	ln = 1;
	while (read_line(t, len, pos, ln++, &li)) {
		pos = li.next;
		if (li.cs != li.ce && chars(t, li.ls, li.ce) + 12 >= w)
			full++;
	}
	return full * 10 >= lines * 3 ? w : 0;
}

/* Whether references are laid out with hanging indents: lines indented
 * under a line at the margin, in at least one block in ten lines. */
static bool hanging_indents(const char *t, size_t len)
{
	size_t pos = 0, lines = 0, hung = 0;
	unsigned ln = 1, prev_indent = 0;
	bool prev = false;
	line_info li;

	while (read_line(t, len, pos, ln++, &li)) {
		pos = li.next;
		if (li.cs == li.ce) {
			prev = false;
			continue;
		}
		lines++;
		if (prev && prev_indent == 0 && li.indent > 0)
			hung++;
		prev = true;
		prev_indent = li.indent;
	}
	return hung >= 2 && hung * 10 >= lines;
}

/* Whether the line li continues the open reference. */
static bool continues(const splitter *sp, const line_info *li)
{
	const char *t = sp->t;
	char c = t[li->cs];
	bool strong, initialled;
	int u;

	if (li->indent > sp->indent)
		return true;
	if (sp->hung || sp->hanging)
		return false; /* hanging indents: a line at the margin is new */
	u = unfinished(sp);
	if (u == HARD)
		return true;
	if (sp->wrap) {
		size_t k = li->cs;

		while (k < li->ce && t[k] != ' ')
			k++;
		/* the filling broke the line -- unless a finished reference
		 * is followed by a name that starts the next */
		if (sp->prev_len + 1 + chars(t, li->cs, k) > sp->wrap &&
		    !(u == FINISHED && sp->has_year &&
		      looks_like_start(t, li->cs, li->ce, &strong, &initialled) &&
		      (strong || initialled)))
			return true;
		return is_lower(c) || is_digit(c) || c == '(' || c == ',' ||
		       c == ';' || c == ':' || c == '.' || c == ')';
	}
	if (looks_like_start(t, li->cs, li->ce, &strong, &initialled)) {
		/* after a bare word only a name with initials is a new start
		 * ("... Air" + "Force, Lexington" is not); so in a list with
		 * markers, where every reference should have one */
		if (u == SOFT || sp->marked)
			return !(initialled && sp->has_year);
		if (sp->has_year)
			return false;
		if (strong && sp->buf.len >= 40)
			return false;
		return true;
	}
	if (u == SOFT)
		return true;
	if (sp->marked)
		return true; /* a list item runs to the next marker */
	if (is_lower(c) || is_digit(c) || c == '(' || c == ',' || c == ';' ||
	    c == ':' || c == '.' || c == ')' || c == '&')
		return true;
	/* A line with its own year that ends like a reference ("Grounded
	 * (University Press of Kentucky, 2014)") is one of a list of
	 * one-line references. */
	if (sp->has_year && li->ce - li->cs >= 6 &&
	    scan_year(t, li->ce - 6, li->ce) &&
	    (is_upper(c) || (unsigned char)c >= 0xC0)) {
		char l = t[li->ce - 1];

		if (l == '.' || l == ')' || is_digit(l))
			return false;
	}
	return true;
}

void colo_refs_split(const char *text, size_t len, bool lines,
                     colo_refs_list *out)
{
	splitter sp;
	line_info li, nx;
	bool have, have_next, prev_blank = true;
	unsigned lineno = 1;

	memset(out, 0, sizeof *out);
	memset(&sp, 0, sizeof sp);
	sp.t = text;
	sp.len = len;
	sp.out = out;
	sp.last_number = 0;
	sp.wrap = lines ? 0 : fill_width(text, len);
	sp.hanging = !lines && hanging_indents(text, len);
	colo_buf_init(&sp.buf, 0);
	have = read_line(text, len, 0, lineno, &li);
	while (have) {
		size_t after;
		long num;
		bool bracket, marker, blank;
		colo_refs_hint h;

		have_next = read_line(text, len, li.next, li.lineno + 1, &nx);
		blank = li.cs == li.ce;
		if (!blank) {
			/* "-----", "=====", "***": a rule between sections */
			size_t k = li.cs;

			while (k < li.ce && (text[k] == '-' || text[k] == '=' ||
			                     text[k] == '_' || text[k] == '*' ||
			                     text[k] == '~' || text[k] == ' '))
				k++;
			if (k == li.ce && li.ce - li.cs >= 3)
				blank = true;
		}
		if (blank) {
			close_entry(&sp);
			prev_blank = true;
			goto next;
		}
		marker = parse_marker(text, li.cs, li.ce, sp.last_number, &after, &num,
		                      &bracket);
		/* "(2000):" + "649. Moreau": the pages of a reference that
		 * cannot have ended, not item 649 */
		if (marker && num >= 0 && !bracket && sp.open &&
		    unfinished(&sp) == HARD)
			marker = false;
		if (!marker) {
			bool next_breaks = true;

			if (have_next && nx.cs < nx.ce) {
				size_t a2;
				long n2;
				bool b2;

				next_breaks = parse_marker(text, nx.cs, nx.ce, sp.last_number,
				                           &a2, &n2, &b2);
			}
			if (!(sp.open && unfinished(&sp) != FINISHED) &&
			    is_heading(text, &li, lines, prev_blank && next_breaks, &h)) {
				close_entry(&sp);
				out->headings++;
				sp.hint = h;
				prev_blank = true;
				goto next;
			}
		}
		if (marker) {
			/* With a marker the span starts at it, the text after it. */
			open_entry(&sp, li.cs, li.lineno, (unsigned)(li.cs - li.ls + 1), num,
			           bracket, true, li.indent);
			append(&sp, after, li.ce, &li);
		} else if (lines || !sp.open || !continues(&sp, &li)) {
			open_entry(&sp, li.cs, li.lineno, (unsigned)(li.cs - li.ls + 1), -1,
			           false, false, li.indent);
			append(&sp, li.cs, li.ce, &li);
		} else {
			if (li.indent > sp.indent)
				sp.hung = true;
			join(&sp, text, li.cs, li.ce);
			append(&sp, li.cs, li.ce, &li);
		}
		if (lines)
			close_entry(&sp);
		prev_blank = false;
		sp.prev_len = sp.wrap ? chars(text, li.ls, li.ce) : 0;
	next:
		li = nx;
		have = have_next;
	}
	close_entry(&sp);
	colo_buf_cleanup(&sp.buf);
}

void colo_refs_list_cleanup(colo_refs_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].text);
	free(l->items);
	memset(l, 0, sizeof *l);
}
