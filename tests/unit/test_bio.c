/* Unit tests: the bio importer.  The seed article (its "About the Author"
 * section, fact by fact, with spans), idempotence, inputs with no bio, a
 * table of invented bios (input -> a compact summary of the batch) for
 * the shapes the reader supports, and HTML input (text and position map,
 * spans into the page's bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/importer.h"
#include "colophon/mem.h"
#include "colophon/model.h"
#include "colophon/name.h"
#include "testsupport.h"
#include "../../importers/bio_priv.h"

/* ---- helpers ----------------------------------------------------------- */

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* One line per fact, people in order:
 *   Given Family [honorific]
 *    deg WRITTEN/NORM field=F inst=I year=Y
 *    aff ROLE @ ORG FROM-TO current
 *    book TITLE: SUBTITLE | PUBLISHER | YEAR | ROLE | with A; B
 *    writes VENUE (EDITION)
 *    role ROLE @ ORG [KIND] */
static char *summary(const colo_batch *b)
{
	colo_buf out;

	colo_buf_init(&out, 0);
	colo_buf_puts(&out, "");
	for (size_t pi = 0; pi < b->npeople; pi++) {
		const colo_person *p = &b->people[pi];
		char *name = colo_name_display(&p->name);

		colo_buf_printf(&out, "%s", name && *name ? name : "(no name)");
		free(name);
		if (p->honorific)
			colo_buf_printf(&out, " [%s]", p->honorific);
		colo_buf_puts(&out, "\n");
		for (size_t i = 0; i < p->ndegrees; i++) {
			const colo_degree *d = &p->degrees[i];

			colo_buf_printf(&out, " deg %s/%s field=%s inst=%s year=%d\n",
			                d->degree, d->degree_norm, or_dash(d->field),
			                or_dash(d->institution), d->year);
		}
		for (size_t i = 0; i < p->naffiliations; i++) {
			const colo_affiliation *a = &p->affiliations[i];

			colo_buf_printf(&out, " aff %s @ %s %d-%d%s\n", or_dash(a->role),
			                a->org, a->from, a->to, a->current ? " current" : "");
		}
		for (size_t wi = 0; wi < b->nworks; wi++) {
			const colo_work *w = &b->works[wi];
			bool mine = false;

			for (size_t j = 0; j < w->ncreators; j++)
				mine = mine || w->creators[j].person == (long)pi;
			if (!mine)
				continue;
			colo_buf_printf(&out, " book %s", w->title);
			if (w->subtitle)
				colo_buf_printf(&out, ": %s", w->subtitle);
			colo_buf_printf(&out, " | %s | %d", or_dash(w->publisher), w->year);
			for (size_t j = 0; j < w->ncreators; j++) {
				const colo_creator *cr = &w->creators[j];

				if (cr->person == (long)pi) {
					colo_buf_printf(&out, " | %s",
					                colo_creator_role_name(cr->role));
				} else {
					char *co = colo_name_display(&cr->name);

					colo_buf_printf(&out, " | with %s", co);
					free(co);
				}
			}
			colo_buf_puts(&out, "\n");
		}
		for (size_t li = 0; li < b->nlinks; li++) {
			const colo_link *l = &b->links[li];
			const colo_venue *v;

			if (l->from_kind != COLO_KIND_PERSON || l->from != (long)pi ||
			    strcmp(l->relation, "writes-for") != 0)
				continue;
			v = &b->venues[l->to];
			colo_buf_printf(&out, " writes %s", v->name);
			if (v->edition)
				colo_buf_printf(&out, " (%s)", v->edition);
			colo_buf_puts(&out, "\n");
		}
		for (size_t i = 0; i < p->nroles; i++) {
			const colo_role *r = &p->roles[i];

			colo_buf_printf(&out, " role %s @ %s [%s]\n", r->role, r->org,
			                r->venue >= 0 ? b->venues[r->venue].kind : "-");
		}
	}
	return colo_buf_steal(&out);
}

/* summary() plus every span and link, for comparing two batches. */
static char *dump(const colo_batch *b)
{
	colo_buf out;
	char *s = summary(b);

	colo_buf_init(&out, 0);
	colo_buf_puts(&out, s);
	free(s);
	for (size_t i = 0; i < b->npeople; i++) {
		const colo_person *p = &b->people[i];

		colo_buf_printf(&out, "P%zu %zu-%zu\n", i, p->span.start, p->span.end);
		for (size_t j = 0; j < p->ndegrees; j++)
			colo_buf_printf(&out, " D %zu-%zu\n", p->degrees[j].span.start,
			                p->degrees[j].span.end);
		for (size_t j = 0; j < p->naffiliations; j++)
			colo_buf_printf(&out, " A %zu-%zu\n", p->affiliations[j].span.start,
			                p->affiliations[j].span.end);
		for (size_t j = 0; j < p->nroles; j++)
			colo_buf_printf(&out, " R %zu-%zu %ld\n", p->roles[j].span.start,
			                p->roles[j].span.end, p->roles[j].venue);
	}
	for (size_t i = 0; i < b->nworks; i++)
		colo_buf_printf(&out, "W%zu %zu-%zu\n", i, b->works[i].span.start,
		                b->works[i].span.end);
	for (size_t i = 0; i < b->nvenues; i++)
		colo_buf_printf(&out, "V%zu %s %s %zu-%zu\n", i, b->venues[i].name,
		                b->venues[i].kind, b->venues[i].span.start,
		                b->venues[i].span.end);
	for (size_t i = 0; i < b->nlinks; i++) {
		const colo_link *l = &b->links[i];

		colo_buf_printf(&out, "L%zu %d:%ld %s %s %d:%ld %zu-%zu\n", i,
		                (int)l->from_kind, l->from, l->relation,
		                or_dash(l->role), (int)l->to_kind, l->to, l->span.start,
		                l->span.end);
	}
	colo_buf_printf(&out, "skipped %zu diags %zu\n", b->skipped, b->ndiags);
	return colo_buf_steal(&out);
}

/* The text a span covers, as a new string. */
static char *span_text(const char *data, colo_span s)
{
	assert_true(s.end > s.start);
	return colo_xstrndup(data + s.start, s.end - s.start);
}

static void assert_span_is(const char *data, colo_span s, const char *want)
{
	char *got = span_text(data, s);

	assert_string_equal(got, want);
	free(got);
}

static void assert_span_has(const char *data, colo_span s, const char *want)
{
	char *got = span_text(data, s);

	if (!strstr(got, want))
		fail_msg("span [%zu, %zu) \"%s\" lacks \"%s\"", s.start, s.end, got,
		         want);
	free(got);
}

static void assert_str(const char *got, const char *want)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
}

/* ---- the seed ---------------------------------------------------------- */

static bool starts_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char a = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		char b = *prefix >= 'A' && *prefix <= 'Z' ? (char)(*prefix - 'A' + 'a')
		                                          : *prefix;

		if (a != b)
			return false;
	}
	return true;
}

static void assert_span_within(colo_span s, size_t lo, size_t hi)
{
	if (s.end == 0)
		return;
	assert_in_range(s.start, lo, hi);
	assert_in_range(s.end, lo, hi);
}

static void check_book(const colo_batch *b, size_t i, const char *title,
                       const char *subtitle, const char *publisher, int year,
                       const char *data)
{
	const colo_work *w = &b->works[i];

	assert_str(w->type, "book");
	assert_str(w->title, title);
	assert_str(w->subtitle, subtitle);
	assert_str(w->publisher, publisher);
	assert_int_equal(w->year, year);
	assert_int_equal(w->ncreators, 1);
	assert_int_equal(w->creators[0].role, COLO_ROLE_AUTHOR);
	assert_int_equal(w->creators[0].person, 0);
	assert_str(w->creators[0].name.family, "Farley");
	/* the span starts at the title as written ("the Battleship Book") */
	{
		char *got = span_text(data, w->span);

		if (!starts_nocase(got, title))
			fail_msg("book span \"%s\" does not start with \"%s\"", got, title);
		assert_non_null(strstr(got, publisher));
		free(got);
	}
}

static void check_venue_link(const colo_batch *b, size_t li, const char *data,
                             const char *name, const char *edition,
                             const char *written)
{
	const colo_link *l = &b->links[li];
	const colo_venue *v;

	assert_int_equal(l->from_kind, COLO_KIND_PERSON);
	assert_int_equal(l->from, 0);
	assert_int_equal(l->to_kind, COLO_KIND_VENUE);
	assert_str(l->relation, "writes-for");
	v = &b->venues[l->to];
	assert_str(v->name, name);
	assert_str(v->edition, edition);
	assert_str(v->kind, "periodical");
	/* the venue's span is the name as written, "the" included */
	assert_span_has(data, v->span, written);
	assert_true(v->span.end - v->span.start <= strlen(written) + 4);
	assert_span_has(data, l->span, written);
}

static void test_seed(void **state)
{
	const char *path = getenv("COLOPHON_SEED");
	size_t len = 0, about, para_end;
	char *data = path ? colo_test_read_file(path, &len) : NULL;
	const char *at;
	colo_batch b;
	colo_error err;
	const colo_person *p;

	(void)state;
	if (!data) {
		print_message("seed not found (COLOPHON_SEED=%s); skipping\n",
		              path ? path : "unset");
		skip();
		return;
	}
	at = strstr(data, "About the Author: Dr. Robert Farley");
	assert_non_null(at);
	about = (size_t)(at - data);
	at = strstr(at, "\n\n");
	assert_non_null(at);
	para_end = (size_t)(at - data);

	colo_batch_init(&b);
	memset(&err, 0, sizeof err);
	assert_true(colo_bio_parse(data, len, &b, &err));
	assert_int_equal(b.npeople, 1);
	assert_int_equal(b.nworks, 4);
	assert_int_equal(b.nvenues, 5);
	assert_int_equal(b.nlinks, 6);
	assert_int_equal(b.skipped, 0);
	assert_int_equal(b.ndiags, 0);

	p = &b.people[0];
	assert_str(p->name.given, "Robert");
	assert_str(p->name.family, "Farley");
	assert_str(p->honorific, "Dr.");
	assert_span_is(data, p->span, "Robert Farley");

	assert_int_equal(p->ndegrees, 2);
	assert_str(p->degrees[0].degree, "BS");
	assert_str(p->degrees[0].degree_norm, "BS");
	assert_null(p->degrees[0].field);
	assert_str(p->degrees[0].institution, "University of Oregon");
	assert_int_equal(p->degrees[0].year, 1997);
	assert_span_has(data, p->degrees[0].span, "BS");
	assert_span_has(data, p->degrees[0].span, "University of Oregon");
	assert_span_has(data, p->degrees[0].span, "1997");
	assert_str(p->degrees[1].degree, "Ph.D.");
	assert_str(p->degrees[1].degree_norm, "PhD");
	assert_null(p->degrees[1].field);
	assert_str(p->degrees[1].institution, "University of Washington");
	assert_int_equal(p->degrees[1].year, 2004);
	assert_span_has(data, p->degrees[1].span, "Ph. D.");
	assert_span_has(data, p->degrees[1].span, "University of Washington");
	assert_span_has(data, p->degrees[1].span, "2004");

	assert_int_equal(p->naffiliations, 1);
	assert_str(p->affiliations[0].org, "Patterson School");
	assert_str(p->affiliations[0].role, "taught security and diplomacy courses");
	assert_int_equal(p->affiliations[0].from, 2005);
	assert_int_equal(p->affiliations[0].to, 0);
	assert_true(p->affiliations[0].current);
	assert_span_has(data, p->affiliations[0].span, "Patterson School since 2005");

	check_book(&b, 0, "Grounded",
	           "The Case for Abolishing the United States Air Force",
	           "University Press of Kentucky", 2014, data);
	check_book(&b, 1, "The Battleship Book", NULL, "Wildside", 2016, data);
	check_book(&b, 2, "Patents for Power",
	           "Intellectual Property Law and the Diffusion of Military "
	           "Technology",
	           "University of Chicago", 2020, data);
	check_book(&b, 3, "Waging War with Gold",
	           "National Security and the Finance Domain Across the Ages",
	           "Lynne Rienner", 2023, data);

	check_venue_link(&b, 0, data, "National Interest", NULL, "National Interest");
	check_venue_link(&b, 1, data, "The Diplomat", "APAC", "Diplomat");
	check_venue_link(&b, 2, data, "World Politics Review", NULL,
	                 "World Politics Review");
	check_venue_link(&b, 3, data, "American Prospect", NULL, "American Prospect");

	assert_int_equal(p->nroles, 2);
	assert_str(p->roles[0].role, "founder");
	assert_str(p->roles[1].role, "senior editor");
	for (size_t i = 0; i < 2; i++) {
		assert_str(p->roles[i].org, "Lawyers, Guns and Money");
		assert_int_equal(p->roles[i].venue, 4);
		assert_span_has(data, p->roles[i].span, "Lawyers, Guns and Money");
	}
	assert_str(b.venues[4].name, "Lawyers, Guns and Money");
	assert_span_is(data, b.venues[4].span, "Lawyers, Guns and Money");
	assert_str(b.links[4].relation, "founded");
	assert_null(b.links[4].role);
	assert_int_equal(b.links[4].to, 4);
	assert_str(b.links[5].relation, "edits");
	assert_str(b.links[5].role, "senior editor");
	assert_int_equal(b.links[5].to, 4);

	/* Nothing from the article body, the comments or the pingbacks: every
	 * span lies in the "About the Author" paragraph. */
	assert_span_within(p->span, about, para_end);
	for (size_t i = 0; i < p->ndegrees; i++)
		assert_span_within(p->degrees[i].span, about, para_end);
	for (size_t i = 0; i < p->naffiliations; i++)
		assert_span_within(p->affiliations[i].span, about, para_end);
	for (size_t i = 0; i < p->nroles; i++)
		assert_span_within(p->roles[i].span, about, para_end);
	for (size_t i = 0; i < b.nworks; i++)
		assert_span_within(b.works[i].span, about, para_end);
	for (size_t i = 0; i < b.nvenues; i++)
		assert_span_within(b.venues[i].span, about, para_end);
	for (size_t i = 0; i < b.nlinks; i++)
		assert_span_within(b.links[i].span, about, para_end);
	colo_batch_cleanup(&b);
	free(data);
}

/* ---- idempotence and no-bio inputs ------------------------------------ */

static const char *const page =
	"Contributors\n"
	"\n"
	"Hannah Voss is a senior fellow at the Corbel Institute. She has "
	"written for Harbor Review and the Coastal Quarterly.\n"
	"\n"
	"Peter Lindgren is an assistant professor of economics at Talmadge "
	"University. He received his PhD from Ostrander University in 2015. He "
	"is the author of Ledger Lines (Kinross Books, 2019).\n";

static void test_idempotent(void **state)
{
	const char *inputs[] = {page,
	                        "I am a lecturer at Dunmore College. My work has "
	                        "appeared in Slate Harbor and the Fenwick Journal.",
	                        NULL};

	(void)state;
	for (int i = 0; inputs[i]; i++) {
		colo_batch a, b;
		char *da, *db;

		colo_batch_init(&a);
		colo_batch_init(&b);
		assert_true(colo_bio_parse(inputs[i], strlen(inputs[i]), &a, NULL));
		assert_true(colo_bio_parse(inputs[i], strlen(inputs[i]), &b, NULL));
		da = dump(&a);
		db = dump(&b);
		assert_string_equal(da, db);
		free(da);
		free(db);
		colo_batch_cleanup(&a);
		colo_batch_cleanup(&b);
	}
}

static void test_no_bio(void **state)
{
	static const char *const inputs[] = {
		"Shopping list\n\n- eggs\n- two loaves of bread\n- olive oil\n- "
		"coffee beans\n",
		"The harbour authority voted on Tuesday to extend the pier by forty "
		"metres. Fishing crews welcomed the decision, although several "
		"warned that the cost would fall on them. The work is expected to "
		"start in the spring and to last two years.\n",
		"   \n\t\n  \n",
		"",
	};

	(void)state;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		colo_batch b;
		colo_error err;

		colo_batch_init(&b);
		memset(&err, 0, sizeof err);
		assert_false(colo_bio_parse(inputs[i], strlen(inputs[i]), &b, &err));
		assert_int_equal(err.code, COLO_EINPUT);
		assert_string_equal(err.message, "no author bio found");
		assert_int_equal(b.npeople, 0);
		colo_batch_cleanup(&b);
		/* and a NULL error is allowed */
		colo_batch_init(&b);
		assert_false(colo_bio_parse(inputs[i], strlen(inputs[i]), &b, NULL));
		colo_batch_cleanup(&b);
	}
}

/* Parsers take (data, len) and must not read past len. */
static void test_not_nul_terminated(void **state)
{
	const char *text = "Ana Ruiz is a senior fellow at the Corbel Institute.";
	size_t len = strlen(text);
	char *copy = malloc(len);
	colo_batch b;
	char *s;

	(void)state;
	assert_non_null(copy);
	memcpy(copy, text, len);
	colo_batch_init(&b);
	assert_true(colo_bio_parse(copy, len, &b, NULL));
	s = summary(&b);
	assert_string_equal(s, "Ana Ruiz\n aff senior fellow @ Corbel Institute "
	                       "0-0 current\n");
	free(s);
	colo_batch_cleanup(&b);
	free(copy);
}

/* ---- the table ---------------------------------------------------------- */

static const struct {
	const char *input;
	const char *want; /* summary() of the batch */
} cases[] = {
	/* honorifics, military ranks, "(Ret.)"; a degree with its field */
	{"Col. Marcus Whitfield (Ret.) is a senior fellow at the Halvorsen "
	 "Institute. He holds a Ph.D. in History from Brantley University.",
	 "Marcus Whitfield [Col. (Ret.)]\n"
	 " deg Ph.D./PhD field=History inst=Brantley University year=0\n"
	 " aff senior fellow @ Halvorsen Institute 0-0 current\n"},
	{"Lt. Gen. David Marsh (Ret.) previously served as the deputy commander "
	 "at the Joint Readiness Center.",
	 "David Marsh [Lt. Gen. (Ret.)]\n"
	 " aff deputy commander @ Joint Readiness Center 0-0\n"},
	{"Prof. Dana Kell earned degrees from Morrow College (BA) and Ellery "
	 "University (PhD).",
	 "Dana Kell [Prof.]\n"
	 " deg BA/BA field=- inst=Morrow College year=0\n"
	 " deg PhD/PhD field=- inst=Ellery University year=0\n"},
	{"Linda Maro received her B.A. from Calder College in 1990 and her J.D. "
	 "from Ostrander Law School in 1993.",
	 "Linda Maro\n"
	 " deg B.A./BA field=- inst=Calder College year=1990\n"
	 " deg J.D./JD field=- inst=Ostrander Law School year=1993\n"},
	{"Ines Barros earned a BA in Economics from Dunmore College and an MA "
	 "in Public Policy from Talmadge University in 2008.",
	 "Ines Barros\n"
	 " deg BA/BA field=Economics inst=Dunmore College year=0\n"
	 " deg MA/MA field=Public Policy inst=Talmadge University year=2008\n"},
	/* affiliations */
	{"Tom Pell is an associate professor of history at Wexford University.",
	 "Tom Pell\n"
	 " aff associate professor of history @ Wexford University 0-0 current\n"},
	{"Marek Haldane was a research fellow at the Grange Institute from 2006 "
	 "to 2009.",
	 "Marek Haldane\n aff research fellow @ Grange Institute 2006-2009\n"},
	{"Nadia Farouk is a visiting scholar at the Merriam Center "
	 "(2012\xe2\x80\x93present).",
	 "Nadia Farouk\n aff visiting scholar @ Merriam Center 2012-0 current\n"},
	{"Rev. Owen Tallis previously served as chief economist at the Harlan "
	 "Trust.",
	 "Owen Tallis [Rev.]\n aff chief economist @ Harlan Trust 0-0\n"},
	{"Greta Lund directs the Program on Urban Water at Kessler University.",
	 "Greta Lund\n"
	 " aff director @ Program on Urban Water at Kessler University 0-0 "
	 "current\n"},
	{"Sam Ortiz is a fellow at the Corbel Institute, where he directs the "
	 "Energy Program, and an adjunct professor at Talmadge University.",
	 "Sam Ortiz\n"
	 " aff fellow @ Corbel Institute 0-0 current\n"
	 " aff director @ Energy Program 0-0 current\n"
	 " aff adjunct professor @ Talmadge University 0-0 current\n"},
	{"Yara Nakai was a fellow at the Grange Institute between 2001 and "
	 "2004, and taught writing at Dunmore College until 2010.",
	 "Yara Nakai\n"
	 " aff fellow @ Grange Institute 2001-2004\n"
	 " aff taught writing @ Dunmore College 0-2010\n"},
	/* books */
	{"Ruth Abernathy is the author of Quiet Harbors (Pellmore Press, 2014), "
	 "Winter Ledger (Pellmore Press 2017), and Salt and Iron (Kinross "
	 "Books, forthcoming).",
	 "Ruth Abernathy\n"
	 " book Quiet Harbors | Pellmore Press | 2014 | author\n"
	 " book Winter Ledger | Pellmore Press | 2017 | author\n"
	 " book Salt and Iron | Kinross Books | 0 | author\n"},
	{"Ivo Brandt is the editor of Letters from the Delta (Kinross Books, "
	 "2001).",
	 "Ivo Brandt\n"
	 " book Letters from the Delta | Kinross Books | 2001 | editor\n"},
	{"Mira Sandoval is the co-author of The Salt Census (with Jane Roe; "
	 "Kinross Books, 2010).",
	 "Mira Sandoval\n"
	 " book The Salt Census | Kinross Books | 2010 | author | with Jane Roe\n"},
	{"Elias Crane is the author of \"The Long Shore\" (Pellmore Press, 2012) "
	 "and \xe2\x80\x9cIron Tides\xe2\x80\x9d (Kinross Books, 2015).",
	 "Elias Crane\n"
	 " book The Long Shore | Pellmore Press | 2012 | author\n"
	 " book Iron Tides | Kinross Books | 2015 | author\n"},
	{"Joan Whitcombe is the author of seven books. She is a lecturer at "
	 "Dunmore College.",
	 "Joan Whitcombe\n aff lecturer @ Dunmore College 0-0 current\n"},
	{"Dev Ferro is a lecturer at Dunmore College. His books include The Tin "
	 "Coast: A Mining History (Harrow, 2004) and, with Jane Roe, Salt "
	 "Census (Harrow, 2010).",
	 "Dev Ferro\n"
	 " aff lecturer @ Dunmore College 0-0 current\n"
	 " book The Tin Coast: A Mining History | Harrow | 2004 | author\n"
	 " book Salt Census | Harrow | 2010 | author | with Jane Roe\n"},
	/* periodicals */
	{"Hannah Voss has written for Harbor Review, the Coastal Quarterly, and "
	 "Tidewater Monthly.",
	 "Hannah Voss\n"
	 " writes Harbor Review\n"
	 " writes Coastal Quarterly\n"
	 " writes Tidewater Monthly\n"},
	{"Peter Lindgren is a lecturer at Dunmore College. His work has "
	 "appeared in the Meridian Review, the Ledger: Europe, and the Fenwick "
	 "Journal, among others.",
	 "Peter Lindgren\n"
	 " aff lecturer @ Dunmore College 0-0 current\n"
	 " writes Meridian Review\n"
	 " writes The Ledger (Europe)\n"
	 " writes Fenwick Journal\n"},
	/* roles */
	{"Amara Chike is the founder of Slate Harbor and a contributing editor "
	 "at Harbor Review.",
	 "Amara Chike\n"
	 " role founder @ Slate Harbor [periodical]\n"
	 " role contributing editor @ Harbor Review [periodical]\n"},
	{"Kofi Mensah serves on the editorial board of the Coastal Quarterly "
	 "and is an adviser to the Meridian Fund.",
	 "Kofi Mensah\n"
	 " role editorial board member @ Coastal Quarterly [periodical]\n"
	 " role adviser @ Meridian Fund [organisation]\n"},
	{"Lena Quist is a board member of the Tidewater Preservation Society.",
	 "Lena Quist\n"
	 " role board member @ Tidewater Preservation Society [organisation]\n"},
	{"Tomas Okonkwo is the co-founder and editor-in-chief of The Fenwick "
	 "Review and sits on the advisory board of the Calder Foundation.",
	 "Tomas Okonkwo\n"
	 " role co-founder @ The Fenwick Review [periodical]\n"
	 " role editor-in-chief @ The Fenwick Review [periodical]\n"
	 " role advisory board member @ Calder Foundation [organisation]\n"},
	{"Sofia Marsh founded the Tidewater Press in 2009.",
	 "Sofia Marsh\n role founder @ Tidewater Press [periodical]\n"},
	/* several people: a heading name, or a name-first sentence */
	{"Contributors\n"
	 "\n"
	 "Hannah Voss is a senior fellow at the Corbel Institute.\n"
	 "\n"
	 "Amara Chike\n"
	 "She is a journalist at the Daily Meridian and has written for Slate "
	 "Harbor.\n"
	 "\n"
	 "Dr. Peter Lindgren received his PhD from Ostrander University in "
	 "2015.\n",
	 "Hannah Voss\n"
	 " aff senior fellow @ Corbel Institute 0-0 current\n"
	 "Amara Chike\n"
	 " aff journalist @ Daily Meridian 0-0 current\n"
	 " writes Slate Harbor\n"
	 "Peter Lindgren [Dr.]\n"
	 " deg PhD/PhD field=- inst=Ostrander University year=2015\n"},
	/* a bio over several paragraphs: a pronoun or the family name goes on
	 * about the person before */
	{"Owen Tallis is an associate professor of history at Wexford "
	 "University.\n"
	 "\n"
	 "Professor Tallis is the author of The Salt Ledger (Wexford "
	 "University Press, 2015).\n"
	 "\n"
	 "He has written for Harbor Review.\n",
	 "Owen Tallis\n"
	 " aff associate professor of history @ Wexford University 0-0 "
	 "current\n"
	 " book The Salt Ledger | Wexford University Press | 2015 | author\n"
	 " writes Harbor Review\n"},
	/* places are not employers; adverbs are not roles */
	{"Zo\xc3\xab \xc3\x98kland is a senior researcher at the Nordlys "
	 "Institute in Troms\xc3\xb8. She was previously a reporter at the "
	 "Coastal Courier from 2012 to 2016. Amara is a freelance journalist "
	 "based in Lagos.",
	 "Zo\xc3\xab \xc3\x98kland\n"
	 " aff senior researcher @ Nordlys Institute 0-0 current\n"
	 " aff reporter @ Coastal Courier 2012-2016\n"},
	/* a degree written in words keeps its spaces */
	{"Marek Quist holds a master's degree in Public Policy from the Calder "
	 "School.",
	 "Marek Quist\n"
	 " deg master's degree/MA field=Public Policy inst=Calder School "
	 "year=0\n"},
	/* "the Journal of X" is a name; "the journal X" is a description */
	{"Greta Lund serves on the editorial board of the Journal of Grid "
	 "Policy and is an editor at the journal Harbor Review.",
	 "Greta Lund\n"
	 " role editorial board member @ Journal of Grid Policy [periodical]\n"
	 " role editor @ Harbor Review [periodical]\n"},
	/* an unquoted title ends at a comma and a lower-case word */
	{"Ana Ruiz is a lecturer at Dunmore College. Her next book, Harbors of "
	 "Debt, is under contract (Pellmore Press, forthcoming).",
	 "Ana Ruiz\n"
	 " aff lecturer @ Dunmore College 0-0 current\n"
	 " book Harbors of Debt | Pellmore Press | 0 | author\n"},
	/* first person: one person, no name, over two paragraphs */
	{"I am a lecturer at Dunmore College.\n\nI received my PhD from "
	 "Bellwood University in 2011.",
	 "(no name)\n"
	 " deg PhD/PhD field=- inst=Bellwood University year=2011\n"
	 " aff lecturer @ Dunmore College 0-0 current\n"},
	/* a title-case run right before a publisher's note, with no "author
	 * of" before it; a degree's note is no book */
	{"Mira Holt is a poet. Her collection Night Ferries (Faber, 2019) won "
	 "the Selkirk Prize. She studied law at the University of Ghana (LLB, "
	 "2004).",
	 "Mira Holt\n"
	 " deg LLB/LLB field=- inst=University of Ghana year=2004\n"
	 " book Night Ferries | Faber | 2019 | author\n"},
	/* "was published by X in Y", "is forthcoming from X" */
	{"Tess Arden is a reporter at the Coast Gazette. Her book, Low Water: A "
	 "River in Drought, was published by Island Press in 2020; her second, "
	 "Dry Season, is forthcoming from Island Press.",
	 "Tess Arden\n"
	 " aff reporter @ Coast Gazette 0-0 current\n"
	 " book Low Water: A River in Drought | Island Press | 2020 | author\n"
	 " book Dry Season | Island Press | 0 | author\n"},
	/* lower-case words before the first title; an edition is not the
	 * publisher */
	{"Omar Vale is the author of two story collections, Salt Lamps "
	 "(Graywolf, 2012) and Far Shore (Graywolf, 2nd ed., 2016).",
	 "Omar Vale\n"
	 " book Salt Lamps | Graywolf | 2012 | author\n"
	 " book Far Shore | Graywolf | 2016 | author\n"},
	/* "correspondent for X"; "professor of X studies at Y"; a place
	 * and years after the organisation; ", where she has worked since" */
	{"Pia Lenz is the Vienna correspondent for Der Standard.\n\n"
	 "Ravi Mehta is an assistant professor of South Asian studies at Halden "
	 "University and a research fellow at the Dunmore Institute in Cork "
	 "(2018\xe2\x80\x93present).\n\n"
	 "Cleo Marsh is a program director at the Arden Trust, where she has "
	 "worked since 2012.",
	 "Pia Lenz\n"
	 " aff Vienna correspondent @ Der Standard 0-0 current\n"
	 "Ravi Mehta\n"
	 " aff assistant professor of South Asian studies @ Halden University "
	 "0-0 current\n"
	 " aff research fellow @ Dunmore Institute 2018-0 current\n"
	 "Cleo Marsh\n"
	 " aff program director @ Arden Trust 2012-0 current\n"},
	/* two venue lists in one sentence */
	{"Ben Osei is a contributing writer for the Harbor Review and has "
	 "written for Grain and the Tidal Quarterly.",
	 "Ben Osei\n"
	 " writes Harbor Review\n"
	 " writes Grain\n"
	 " writes Tidal Quarterly\n"},
	/* a nickname; "My name is"; two particles */
	{"Robert \"Bobby\" Lanz is a senior fellow at the Grange Institute.\n\n"
	 "My name is Ada Obi and I am a software engineer at Kestrel Labs.\n\n"
	 "Anouk van der Meer is a lecturer at Leiden University.",
	 "Robert Lanz\n"
	 " aff senior fellow @ Grange Institute 0-0 current\n"
	 "Ada Obi\n"
	 " aff software engineer @ Kestrel Labs 0-0 current\n"
	 "Anouk van der Meer\n"
	 " aff lecturer @ Leiden University 0-0 current\n"},
	/* words describing a venue before its name; a job title among role
	 * nouns; a venue's clause ends at "and the author of" */
	{"Hal Brun is a founder of the literary quarterly Skiff.\n\nNell Aster "
	 "is the co-founder and executive director of the Fenwick Trust.\n\n"
	 "Ian Ross is a senior editor at Harbor Review and the author of Tide "
	 "Tables (Faber, 2011).",
	 "Hal Brun\n"
	 " role founder @ Skiff [periodical]\n"
	 "Nell Aster\n"
	 " aff executive director @ Fenwick Trust 0-0 current\n"
	 " role co-founder @ Fenwick Trust [organisation]\n"
	 "Ian Ross\n"
	 " book Tide Tables | Faber | 2011 | author\n"
	 " role senior editor @ Harbor Review [periodical]\n"},
	/* "joined X as ROLE in YEAR" */
	{"Ken Ito joined the Ashby Council as a distinguished fellow in 2020.",
	 "Ken Ito\n"
	 " aff distinguished fellow @ Ashby Council 2020-0 current\n"},
	/* "the boards of A and B": one role at each; "I'm" */
	{"Ola Berg serves on the boards of the Harbor Trust and the Dunmore "
	 "Foundation.\n\nI'm a PhD candidate in history at Halden University.",
	 "Ola Berg\n"
	 " role board member @ Harbor Trust [organisation]\n"
	 " role board member @ Dunmore Foundation [organisation]\n"
	 "(no name)\n"
	 " aff PhD candidate in history @ Halden University 0-0 current\n"},
	/* first person: one person, no name */
	{"I am an associate professor of sociology at Kettering State "
	 "University. I received my PhD from Bellwood University in 2011.",
	 "(no name)\n"
	 " deg PhD/PhD field=- inst=Bellwood University year=2011\n"
	 " aff associate professor of sociology @ Kettering State University "
	 "0-0 current\n"},
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_batch b;
		colo_error err;
		char *got;

		colo_batch_init(&b);
		memset(&err, 0, sizeof err);
		if (!colo_bio_parse(cases[i].input, strlen(cases[i].input), &b, &err))
			fail_msg("case %zu: parse failed: %s\ninput: %s", i, err.message,
			         cases[i].input);
		got = summary(&b);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu\ninput: %s\nwant:\n%sgot:\n%s", i,
			         cases[i].input, cases[i].want, got);
		free(got);
		colo_batch_cleanup(&b);
	}
}

/* Spans point into the input: names, degrees, books, venues. */
static void test_spans(void **state)
{
	const char *text =
		"Dr. Ines Barros received her MA from Talmadge University in 2008. "
		"She is the author of Quiet Harbors (Pellmore Press, 2014). She has "
		"written for Harbor Review and the Coastal Quarterly.";
	colo_batch b;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_bio_parse(text, strlen(text), &b, NULL));
	assert_int_equal(b.npeople, 1);
	assert_span_is(text, b.people[0].span, "Ines Barros");
	assert_span_is(text, b.people[0].degrees[0].span,
	               "MA from Talmadge University in 2008");
	assert_int_equal(b.nworks, 1);
	assert_span_is(text, b.works[0].span,
	               "Quiet Harbors (Pellmore Press, 2014)");
	assert_int_equal(b.nvenues, 2);
	assert_span_is(text, b.venues[0].span, "Harbor Review");
	assert_span_is(text, b.venues[1].span, "the Coastal Quarterly");
	colo_batch_cleanup(&b);
}

/* A "sentence" longer than COLO_BIO_MAX_SENT_BYTES is not read, and the
 * batch says so; the sentences around it still are. */
static void test_long_sentence(void **state)
{
	colo_buf in;
	colo_batch b;
	char *s;

	(void)state;
	colo_buf_init(&in, 0);
	colo_buf_puts(&in, "Ana Ruiz is a lecturer at Dunmore College. She ");
	for (int i = 0; i < 400; i++)
		colo_buf_puts(&in, "is a fellow at the Grange Institute and ");
	colo_buf_puts(&in, "more.\nShe has written for Harbor Review.");
	colo_batch_init(&b);
	assert_true(colo_bio_parse(in.data, in.len, &b, NULL));
	s = summary(&b);
	assert_string_equal(s, "Ana Ruiz\n"
	                       " aff lecturer @ Dunmore College 0-0 current\n"
	                       " writes Harbor Review\n");
	free(s);
	assert_int_equal(b.ndiags, 1);
	assert_int_equal(b.skipped, 1);
	assert_int_equal(b.diags[0].line, 1);
	assert_int_equal(b.diags[0].col, 44);
	assert_non_null(strstr(b.diags[0].message, "not read (longer than"));
	colo_batch_cleanup(&b);
	colo_buf_cleanup(&in);
}

/* Past COLO_BIO_MAX_PEOPLE people the rest are counted, not read. */
static void test_people_cap(void **state)
{
	colo_buf in;
	colo_batch b;

	(void)state;
	colo_buf_init(&in, 0);
	for (int i = 0; i < 1005; i++)
		colo_buf_printf(&in, "Ana Ruiz is a lecturer at Dunmore College %d.\n\n",
		                i);
	colo_batch_init(&b);
	assert_true(colo_bio_parse(in.data, in.len, &b, NULL));
	assert_int_equal(b.npeople, 1000);
	assert_int_equal(b.ndiags, 1);
	assert_int_equal(b.diags[0].line, 2001);
	assert_string_equal(b.diags[0].message,
	                    "more than 1000 people; the rest not read");
	colo_batch_cleanup(&b);
	colo_buf_cleanup(&in);
}

/* HTML: tags go, entities are decoded, italics become curly quotes, block
 * elements blank lines; every byte of the text knows where it came from. */
static void test_html_strip(void **state)
{
	const char *in = "<html><head><title>T</title><script>a<b</script></head>"
	                 "<body><p>Ann &amp; <i>Bo</i>&#233;</p>\n<!-- x -->"
	                 "<div>C&nbsp;&unknown; &#xD800; 5 < 6</div></body></html>";
	colo_bio_html h;
	size_t amp = (size_t)(strstr(in, "&amp;") - in);
	size_t ital = (size_t)(strstr(in, "<i>") - in);
	size_t eacute = (size_t)(strstr(in, "&#233;") - in);

	(void)state;
	assert_true(colo_bio_is_html(in, strlen(in)));
	assert_false(colo_bio_is_html("Ann is a <b>fellow", 18));
	colo_bio_html_strip(in, strlen(in), &h);
	assert_string_equal(h.text, "Ann & \xe2\x80\x9c" "Bo\xe2\x80\x9d\xc3\xa9\n\nC "
	                            "&unknown; &#xD800; 5 < 6\n\n");
	assert_int_equal(h.len, strlen(h.text));
	/* "&" came from the five bytes of "&amp;" */
	assert_int_equal(h.from[4], amp);
	assert_int_equal(h.to[4], amp + 5);
	/* the opening quote stands for "<i>" */
	assert_int_equal(h.from[6], ital);
	assert_int_equal(h.to[6], ital + 3);
	/* both bytes of the e-acute come from "&#233;" */
	assert_int_equal(h.from[14], eacute);
	assert_int_equal(h.to[15], eacute + 6);
	assert_int_equal(h.from[h.len], strlen(in));
	colo_bio_html_cleanup(&h);
	colo_bio_html_cleanup(NULL);
}

/* Facts read from HTML carry spans into the page's own bytes. */
static void test_html_spans(void **state)
{
	const char *html =
		"<div><p><b>Dr. Ines Barros</b> received her MA from Talmadge "
		"University in 2008. She is the author of <i>Quiet &amp; Deep</i> "
		"(Pellmore Press, 2014). She has written for <em>Harbor "
		"Review</em>.</p></div>";
	colo_batch b;
	char *s;

	(void)state;
	colo_batch_init(&b);
	assert_true(colo_bio_parse(html, strlen(html), &b, NULL));
	s = summary(&b);
	assert_string_equal(s, "Ines Barros [Dr.]\n"
	                       " deg MA/MA field=- inst=Talmadge University year=2008\n"
	                       " book Quiet & Deep | Pellmore Press | 2014 | author\n"
	                       " writes Harbor Review\n");
	free(s);
	assert_span_is(html, b.people[0].span, "Ines Barros");
	assert_span_is(html, b.people[0].degrees[0].span,
	               "MA from Talmadge University in 2008");
	assert_span_is(html, b.works[0].span,
	               "Quiet &amp; Deep</i> (Pellmore Press, 2014)");
	assert_span_is(html, b.venues[0].span, "Harbor Review");
	colo_batch_cleanup(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed),       cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_no_bio),     cmocka_unit_test(test_not_nul_terminated),
		cmocka_unit_test(test_table),      cmocka_unit_test(test_spans),
		cmocka_unit_test(test_long_sentence), cmocka_unit_test(test_people_cap),
		cmocka_unit_test(test_html_strip), cmocka_unit_test(test_html_spans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
