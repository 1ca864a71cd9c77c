/* Unit tests: from labelled segments to a work (importers/refs/fields.c),
 * with hand-built segments so no model is involved.
 *
 * A case's input marks its segments in braces, "{au Farley, R.} ({da
 * 2014})", where the two letters name the label (see `codes`); text
 * outside braces is unlabelled.  The expected work is written one field
 * per line, "key=value", in a fixed order, names as "Family, Given";
 * a reference that must be refused expects "skip=REASON". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../importers/refs/refs_priv.h"
#include "colophon/buf.h"
#include "colophon/mem.h"

static const struct {
	const char *code;
	colo_ref_label label;
} codes[] = {
	{"cn", COLO_REF_CITATION_NUMBER}, {"au", COLO_REF_AUTHOR},
	{"ed", COLO_REF_EDITOR},          {"tr", COLO_REF_TRANSLATOR},
	{"ti", COLO_REF_TITLE},           {"ct", COLO_REF_CONTAINER},
	{"co", COLO_REF_COLLECTION},      {"pu", COLO_REF_PUBLISHER},
	{"lo", COLO_REF_LOCATION},        {"da", COLO_REF_DATE},
	{"vo", COLO_REF_VOLUME},          {"is", COLO_REF_ISSUE},
	{"pg", COLO_REF_PAGES},           {"en", COLO_REF_EDITION},
	{"ge", COLO_REF_GENRE},           {"do", COLO_REF_DOI},
	{"ur", COLO_REF_URL},             {"ib", COLO_REF_ISBN},
	{"ax", COLO_REF_ARXIV},           {"no", COLO_REF_NOTE},
};

/* Builds the reference string and its segments from the brace notation. */
static char *build(const char *in, colo_ref_segment **segs, size_t *nsegs)
{
	colo_buf b;
	size_t cap = 0;

	colo_buf_init(&b, 0);
	*segs = NULL;
	*nsegs = 0;
	for (const char *p = in; *p;) {
		colo_ref_label l = COLO_REF_NONE;
		size_t start, end;

		if (*p == '{') {
			size_t k;

			for (k = 0; k < sizeof codes / sizeof codes[0]; k++)
				if (strncmp(p + 1, codes[k].code, 2) == 0)
					break;
			assert_true(k < sizeof codes / sizeof codes[0]);
			l = codes[k].label;
			p += 4;
			start = b.len;
			while (*p && *p != '}')
				colo_buf_putc(&b, *p++);
			assert_true(*p == '}');
			p++;
			end = b.len;
		} else {
			while (*p == ' ')
				colo_buf_putc(&b, *p++);
			start = b.len;
			while (*p && *p != '{' && *p != ' ')
				colo_buf_putc(&b, *p++);
			end = b.len;
			/* one unlabelled segment per run of words */
			while (*p == ' ' && p[1] && p[1] != '{' && p[1] != ' ') {
				colo_buf_putc(&b, *p++);
				while (*p && *p != '{' && *p != ' ')
					colo_buf_putc(&b, *p++);
				end = b.len;
			}
			if (end == start)
				continue;
		}
		if (*nsegs && l == COLO_REF_NONE &&
		    (*segs)[*nsegs - 1].label == COLO_REF_NONE) {
			(*segs)[*nsegs - 1].end = end;
			continue;
		}
		colo_grow((void **)segs, &cap, *nsegs + 1, sizeof **segs);
		(*segs)[*nsegs].label = l;
		(*segs)[*nsegs].start = start;
		(*segs)[*nsegs].end = end;
		(*nsegs)++;
	}
	return colo_buf_steal(&b);
}

static void put_name(colo_buf *o, const char *key, const colo_name *n)
{
	colo_buf_printf(o, "%s=", key);
	if (n->literal) {
		colo_buf_printf(o, "[%s]\n", n->literal);
		return;
	}
	if (n->particle)
		colo_buf_printf(o, "%s ", n->particle);
	colo_buf_puts(o, n->family ? n->family : "?");
	if (n->given)
		colo_buf_printf(o, ", %s", n->given);
	if (n->suffix)
		colo_buf_printf(o, ", %s", n->suffix);
	colo_buf_putc(o, '\n');
}

static char *render(const colo_work *w)
{
	colo_buf o;
	const struct {
		const char *key;
		const char *v;
	} f[] = {
		{"type", w->type},       {"title", w->title},
		{"subtitle", w->subtitle}, {"container", w->container},
		{"series", w->series},   {"publisher", w->publisher},
		{"place", w->place},     {"volume", w->volume},
		{"issue", w->issue},     {"pages", w->pages},
		{"edition", w->edition}, {"genre", w->genre},
		{"doi", w->doi},         {"url", w->url},
		{"isbn", w->isbn},       {"archive", w->archive},
		{"eprint", w->eprint},   {"note", w->note},
	};

	colo_buf_init(&o, 0);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (f[i].v)
			colo_buf_printf(&o, "%s=%s\n", f[i].key, f[i].v);
		if (i == 1) {
			for (size_t k = 0; k < w->ncreators; k++)
				put_name(&o, colo_creator_role_name(w->creators[k].role),
				         &w->creators[k].name);
			/* "et al.": more names of the role than listed */
			for (int r = COLO_ROLE_AUTHOR; r <= COLO_ROLE_TRANSLATOR; r++)
				if (w->creators_more & COLO_MORE(r))
					colo_buf_printf(&o, "%s=others\n",
					                colo_creator_role_name((colo_creator_role)r));
		}
	}
	if (w->year) {
		colo_buf_printf(&o, "issued=%d", w->year);
		if (w->month)
			colo_buf_printf(&o, "-%d", w->month);
		if (w->day)
			colo_buf_printf(&o, "-%d", w->day);
		colo_buf_putc(&o, '\n');
	}
	return colo_buf_steal(&o);
}

typedef struct field_case {
	const char *name;
	const char *input;
	const char *hint;
	bool edited;
	const char *want;
} field_case;

static const field_case cases[] = {
	{"physics reference: no title, journal volume and page",
	 "{au A. Einstein}, {ct Ann. Phys.} {vo 17}, {pg 891} ({da 1905}).",
	 NULL, false,
	 "type=article-journal\nauthor=Einstein, A.\ncontainer=Ann. Phys.\n"
	 "volume=17\npages=891\nissued=1905\n"},
	{"MLA book whose short title was read as a container",
	 "{au Morrison, Toni}. {ct Beloved}. {lo Knopf}, {da 1987}.",
	 NULL, false,
	 "type=book\ntitle=Beloved\nauthor=Morrison, Toni\npublisher=Knopf\n"
	 "issued=1987\n"},
	{"APA journal article",
	 "{au Farley, R., & Smith, J. K.} ({da 2019}). {ti Battleships in the "
	 "missile age: A reckoning}. {ct Journal of Strategic Studies}, {vo 42}"
	 "({is 3}), {pg 345–367}. {ur https://doi.org/10.1080/01402390.2019.1>}",
	 NULL, false,
	 "type=article-journal\ntitle=Battleships in the missile age\n"
	 "author=Farley, R.\nauthor=Smith, J. K.\nsubtitle=A reckoning\n"
	 "container=Journal of Strategic Studies\nvolume=42\nissue=3\n"
	 "pages=345-367\ndoi=10.1080/01402390.2019.1\nissued=2019\n"},
	{"APA book with an edition and place",
	 "{au Farley, R.} ({da 2014}). {ti Grounded} ({en 2nd ed.}). {lo "
	 "Lexington, KY}: {pu University Press of Kentucky}.",
	 NULL, false,
	 "type=book\ntitle=Grounded\nauthor=Farley, R.\n"
	 "publisher=University Press of Kentucky\nplace=Lexington, KY\n"
	 "edition=2\nissued=2014\n"},
	{"APA chapter: In, editors, pages",
	 "{au Farley, R.} ({da 2018}). {ti Air power}. In {ed J. Smith & K. "
	 "Jones (Eds.)}, {ct Wars of the future} ({pg pp. 1-20}). {pu "
	 "Routledge}.",
	 NULL, false,
	 "type=chapter\ntitle=Air power\nauthor=Farley, R.\neditor=Smith, J.\n"
	 "editor=Jones, K.\ncontainer=Wars of the future\npublisher=Routledge\n"
	 "pages=1-20\nissued=2018\n"},
	{"APA edited book: the role after the names",
	 "{au Smith, J.} (Ed.). ({da 2016}). {ti The naval reader}. {pu Naval "
	 "Institute Press}.",
	 NULL, false,
	 "type=book\ntitle=The naval reader\neditor=Smith, J.\n"
	 "publisher=Naval Institute Press\nissued=2016\n"},
	{"MLA article: inverted first author only",
	 "{au Farley, Robert, and John Smith}. \"{ti The Carrier Question}.\" "
	 "{ct Naval War College Review}, vol. {vo 71}, no. {is 2}, {da 2018}, "
	 "pp. {pg 45-67}.",
	 NULL, false,
	 "type=article-journal\ntitle=The Carrier Question\n"
	 "author=Farley, Robert\nauthor=Smith, John\n"
	 "container=Naval War College Review\nvolume=71\nissue=2\n"
	 "pages=45-67\nissued=2018\n"},
	{"MLA book with et al.",
	 "{au Farley, Robert, et al}. {ti Gold and War}. {pu Lynne Rienner}, "
	 "{da 2023}.",
	 NULL, false,
	 "type=book\ntitle=Gold and War\nauthor=Farley, Robert\n"
	 "author=others\npublisher=Lynne Rienner\nissued=2023\n"},
	{"Chicago author-date",
	 "{au Farley, Robert}. {da 2014}. {ti Grounded: The Case for "
	 "Abolishing the United States Air Force}. {lo Lexington}: {pu "
	 "University Press of Kentucky}.",
	 NULL, false,
	 "type=book\ntitle=Grounded\nauthor=Farley, Robert\n"
	 "subtitle=The Case for Abolishing the United States Air Force\n"
	 "publisher=University Press of Kentucky\nplace=Lexington\n"
	 "issued=2014\n"},
	{"Chicago notes-bibliography, natural order",
	 "{au Robert Farley}, {ti Grounded} ({lo Lexington}: {pu University "
	 "Press of Kentucky}, {da 2014}).",
	 NULL, false,
	 "type=book\ntitle=Grounded\nauthor=Farley, Robert\n"
	 "publisher=University Press of Kentucky\nplace=Lexington\n"
	 "issued=2014\n"},
	{"Harvard",
	 "{au Farley, R. and Smith, J.} ({da 2019}) '{ti Battleships}', {ct "
	 "Naval Review}, {vo 3}({is 2}), pp. {pg 1-9}.",
	 NULL, false,
	 "type=article-journal\ntitle=Battleships\nauthor=Farley, R.\n"
	 "author=Smith, J.\ncontainer=Naval Review\nvolume=3\nissue=2\n"
	 "pages=1-9\nissued=2019\n"},
	{"IEEE with month and DOI",
	 "[{cn 3}] {au R. Farley and J. Smith}, \"{ti Airpower and the "
	 "state},\" {ct IEEE Trans. Aerosp.}, vol. {vo 12}, no. {is 4}, pp. "
	 "{pg 100–110}, {da Apr. 2017}, {do doi: 10.1109/TA.2017.123}.",
	 NULL, false,
	 "type=article-journal\ntitle=Airpower and the state\n"
	 "author=Farley, R.\nauthor=Smith, J.\ncontainer=IEEE Trans. Aerosp.\n"
	 "volume=12\nissue=4\npages=100-110\ndoi=10.1109/TA.2017.123\n"
	 "issued=2017-4\n"},
	{"Vancouver: initials after, packed volume",
	 "{au Farley RM, Smith J, Jones K, et al}. {ti Drone swarms}. {ct Mil "
	 "Rev}. {vo 2020;100(2):12-19}.",
	 NULL, false,
	 "type=article-journal\ntitle=Drone swarms\nauthor=Farley, R. M.\n"
	 "author=Smith, J.\nauthor=Jones, K.\nauthor=others\n"
	 "container=Mil Rev\nvolume=100\nissue=2\npages=12-19\nissued=2020\n"},
	{"ACM",
	 "{au Robert Farley, John Smith, and Jane Doe}. {da 2021}. {ti Ships}. "
	 "{ct Commun. ACM} {vo 64}, {is 3} ({da March 2021}), {pg 12–14}. "
	 "https://doi.org/10.1145/3447735",
	 NULL, false,
	 "type=article-journal\ntitle=Ships\nauthor=Farley, Robert\n"
	 "author=Smith, John\nauthor=Doe, Jane\ncontainer=Commun. ACM\n"
	 "volume=64\nissue=3\npages=12-14\ndoi=10.1145/3447735\nissued=2021\n"},
	{"ACM volume and issue in one segment",
	 "{au Robert Farley and Yuki Sato}. {da 2022}. {ti Fleet scheduling}. "
	 "{ct Commun. Marit. Comput}. {vo 15, 2} ({da June 2022}), {pg 40–52}.",
	 NULL, false,
	 "type=article-journal\ntitle=Fleet scheduling\nauthor=Farley, Robert\n"
	 "author=Sato, Yuki\ncontainer=Commun. Marit. Comput.\nvolume=15\n"
	 "issue=2\npages=40-52\nissued=2022\n"},
	{"a conference's place stays a place",
	 "{au S. Haddad}, \"{ti Markets under blockade},\" in {ct Proc. Int. "
	 "Conf. Economic Security}, {lo Vienna, Austria}, {da 2019}, pp. {pg "
	 "88–95}.",
	 NULL, false,
	 "type=paper-conference\ntitle=Markets under blockade\n"
	 "author=Haddad, S.\ncontainer=Proc. Int. Conf. Economic Security\n"
	 "place=Vienna, Austria\npages=88-95\nissued=2019\n"},
	{"a place the labeller cut before its parenthesis closes",
	 "{au Farley R}. {ti Waging war with gold}. {lo Boulder (CO}): {pu "
	 "Lynne Rienner}; {da 2023}.",
	 NULL, false,
	 "type=book\ntitle=Waging war with gold\nauthor=Farley, R.\n"
	 "publisher=Lynne Rienner\nplace=Boulder (CO)\nissued=2023\n"},
	{"a parenthesis the labeller cut off is dropped",
	 "{au Marek Kowalski}. {da 2020}. {ti Simulating blockades}. In {ct "
	 "Proceedings of the 9th Workshop on Naval Simulation (NavSim} '20). "
	 "{pu Harbor Academic Press}, {pg 7–15}.",
	 NULL, false,
	 "type=paper-conference\ntitle=Simulating blockades\n"
	 "author=Kowalski, Marek\n"
	 "container=Proceedings of the 9th Workshop on Naval Simulation\n"
	 "publisher=Harbor Academic Press\npages=7-15\nissued=2020\n"},
	{"plain CV line",
	 "{ti Waging War with Gold} ({pu Lynne Rienner}, {da 2023})", NULL,
	 false,
	 "type=book\ntitle=Waging War with Gold\npublisher=Lynne Rienner\n"
	 "issued=2023\n"},
	{"CV line whose first word was taken for an author",
	 "{au Grounded}: {ti The Case for Abolishing the United States Air "
	 "Force} ({pu University Press of Kentucky}, {da 2014})",
	 "book", false,
	 "type=book\ntitle=Grounded\n"
	 "subtitle=The Case for Abolishing the United States Air Force\n"
	 "publisher=University Press of Kentucky\nissued=2014\n"},
	{"CV line whose title was taken for a container",
	 "{ct Empire markets} war ({pu Routledge}, {da 1996})", NULL, false,
	 "type=book\ntitle=Empire markets war\npublisher=Routledge\n"
	 "issued=1996\n"},
	{"a place alone is the publisher",
	 "{ti Peace and Power} ({lo Routledge}, {da 2019})", NULL, false,
	 "type=book\ntitle=Peace and Power\npublisher=Routledge\n"
	 "issued=2019\n"},
	{"thesis",
	 "{au Farley, Robert}. {da 2004}. \"{ti Battleships and Nations}.\" "
	 "{ge PhD diss.}, {pu University of Washington}.",
	 NULL, false,
	 "type=thesis\ntitle=Battleships and Nations\nauthor=Farley, Robert\n"
	 "publisher=University of Washington\ngenre=PhD diss\nissued=2004\n"},
	{"report",
	 "{au World Health Organization}. ({da 2020}). {ti Guidance} ({ge "
	 "Technical Report} No. {is 12}). {pu WHO}.",
	 NULL, false,
	 "type=report\ntitle=Guidance\nauthor=[World Health Organization]\n"
	 "publisher=WHO\nissue=12\ngenre=Technical Report\nissued=2020\n"},
	{"conference paper",
	 "{au Smith, J.} ({da 2020}). {ti Fast things}. In {ct Proceedings of "
	 "the 5th Workshop on Speed} ({pg pp. 5--9}). {pu ACM}.",
	 NULL, false,
	 "type=paper-conference\ntitle=Fast things\nauthor=Smith, J.\n"
	 "container=Proceedings of the 5th Workshop on Speed\npublisher=ACM\n"
	 "pages=5-9\nissued=2020\n"},
	{"arXiv preprint",
	 "{au Smith, J.} ({da 2021}). {ti Learning things}. {ax "
	 "arXiv:2101.00001v2}.",
	 NULL, false,
	 "type=article\ntitle=Learning things\nauthor=Smith, J.\n"
	 "archive=arXiv\neprint=2101.00001v2\nissued=2021\n"},
	{"ISBN-10 becomes ISBN-13, edition in words",
	 "{au Farley, R.} {ti Grounded}. {en Second edition}. {pu UPK}, {da "
	 "2014}. {ib ISBN 0-8131-4494-9}.",
	 NULL, false,
	 "type=book\ntitle=Grounded\nauthor=Farley, R.\npublisher=UPK\n"
	 "edition=2\nisbn=9780813144948\nissued=2014\n"},
	{"full dates, both orders",
	 "{au Farley, R.} ({da 2020, March 3}). {ti Sink the carriers}. {ct "
	 "The Diplomat}.",
	 NULL, false,
	 "type=article-magazine\ntitle=Sink the carriers\nauthor=Farley, R.\n"
	 "container=The Diplomat\nissued=2020-3-3\n"},
	{"day before the month",
	 "{au Farley, R.} \"{ti Ships}.\" {ct The Diplomat}, {da 3 March "
	 "2020}.",
	 "article-newspaper", false,
	 "type=article-newspaper\ntitle=Ships\nauthor=Farley, R.\n"
	 "container=The Diplomat\nissued=2020-3-3\n"},
	{"under \"Op-Eds\" the publisher is the periodical",
	 "{au Farley, R.} ({da 2023, October 2}). {ti Why navies still need "
	 "shipyards}. {pu The Diplomat}.",
	 "article-newspaper", false,
	 "type=article-newspaper\ntitle=Why navies still need shipyards\n"
	 "author=Farley, R.\ncontainer=The Diplomat\nissued=2023-10-2\n"},
	{"ISO date, a year the labeller missed is not taken from the title",
	 "{au Farley, R.} {ti The War of 1812} {ct History}, {vo 3}. Published "
	 "2019-05-07.",
	 NULL, false,
	 "type=article-journal\ntitle=The War of 1812\nauthor=Farley, R.\n"
	 "container=History\nvolume=3\nissued=2019-5-7\n"},
	{"names: particles, capitals, suffixes",
	 "{au VAN DER BERG, P., Farley, R., Jr., and de la Fontaine, J.} "
	 "({da 2001}). {ti Fables}. {pu Gallimard}.",
	 NULL, false,
	 "type=book\ntitle=Fables\nauthor=Van Der Berg, P.\n"
	 "author=Farley, R., Jr.\nauthor=de la Fontaine, J.\n"
	 "publisher=Gallimard\nissued=2001\n"},
	{"names with semicolons",
	 "{au Farley, Robert M.; Smith, John} ({da 2001}). {ti Ships}. {pu "
	 "Gallimard}.",
	 NULL, false,
	 "type=book\ntitle=Ships\nauthor=Farley, Robert M.\n"
	 "author=Smith, John\npublisher=Gallimard\nissued=2001\n"},
	{"edited volumes heading makes the names editors",
	 "{au Farley, R.} ({da 2016}). {ti The Naval Reader}. {pu Naval "
	 "Institute Press}.",
	 "book", true,
	 "type=book\ntitle=The Naval Reader\neditor=Farley, R.\n"
	 "publisher=Naval Institute Press\nissued=2016\n"},
	{"a chapter under \"Books\" stays a chapter",
	 "{au Farley, R.} ({da 2018}). {ti Air power}. In {ed J. Smith (Ed.)}, "
	 "{ct Wars} ({pg pp. 1-20}). {pu Routledge}.",
	 "book", false,
	 "type=chapter\ntitle=Air power\nauthor=Farley, R.\neditor=Smith, J.\n"
	 "container=Wars\npublisher=Routledge\npages=1-20\nissued=2018\n"},
	{"a book under \"Journal Articles\" stays a book",
	 "{au Farley, R.} ({da 2014}). {ti Grounded}. {pu UPK}.",
	 "article-journal", false,
	 "type=book\ntitle=Grounded\nauthor=Farley, R.\npublisher=UPK\n"
	 "issued=2014\n"},
	{"quotes and edge punctuation stripped, inner ones kept",
	 "{au Smith, J.} ({da 2000}). {ti “Why ‘Sea Power’ Matters?”.} {ct "
	 "U.S. Naval Review.}, {vo 3}.",
	 NULL, false,
	 "type=article-journal\ntitle=Why ‘Sea Power’ Matters?\n"
	 "author=Smith, J.\ncontainer=U.S. Naval Review\nvolume=3\n"
	 "issued=2000\n"},
	{"no title", "{au Farley, R.} ({da 2014}). {pu UPK}.", NULL, false,
	 "skip=no title found\n"},
	{"only a title",
	 "{ti This is a sentence about nothing in particular}.", NULL, false,
	 "skip=only a title: no names, date, publisher, container or "
	 "identifier\n"},
	{"a URL, not a DOI",
	 "{au Farley, R.} ({da 2020}). {ti Ships}. {ur "
	 "<https://example.org/ships?id=3>}.",
	 NULL, false,
	 "type=webpage\ntitle=Ships\nauthor=Farley, R.\n"
	 "url=https://example.org/ships?id=3\nissued=2020\n"},
};

static void test_cases(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		colo_ref_segment *segs;
		size_t nsegs;
		char *s = build(cases[i].input, &segs, &nsegs);
		colo_refs_hint hint = {cases[i].hint, cases[i].edited};
		colo_work w;
		const char *why = NULL;
		char *got;

		colo_work_init(&w);
		if (colo_refs_make_work(s, strlen(s), segs, nsegs, hint, &w, &why)) {
			got = render(&w);
		} else {
			colo_buf o;

			colo_buf_init(&o, 0);
			colo_buf_printf(&o, "skip=%s\n", why ? why : "(no reason)");
			got = colo_buf_steal(&o);
		}
		if (strcmp(got, cases[i].want) != 0) {
			print_error("case '%s':\n--- want\n%s--- got\n%s\n", cases[i].name,
			            cases[i].want, got);
			failed++;
		}
		free(got);
		colo_work_cleanup(&w);
		free(segs);
		free(s);
	}
	assert_int_equal(failed, 0);
}

/* Name lists alone: "Family, Given" and natural order, initials before
 * and after, "&", "and", "et al.", roles. */
static void test_names(void **state)
{
	static const struct {
		const char *in;
		const char *want;
		bool etal;
	} t[] = {
		{"Farley, R.", "author=Farley, R.\n", false},
		{"R. Farley", "author=Farley, R.\n", false},
		{"Farley R", "author=Farley, R.\n", false},
		{"Farley RM", "author=Farley, R. M.\n", false},
		{"Farley R.M.", "author=Farley, R. M.\n", false},
		{"R.M. Farley", "author=Farley, R. M.\n", false},
		{"Farley, R., Smith, J., & Jones, K.",
		 "author=Farley, R.\nauthor=Smith, J.\nauthor=Jones, K.\n", false},
		{"Robert Farley, John Smith and Jane Doe",
		 "author=Farley, Robert\nauthor=Smith, John\nauthor=Doe, Jane\n",
		 false},
		{"Farley, Robert, Smith, John",
		 "author=Farley, Robert\nauthor=Smith, John\n", false},
		{"Farley, R. et al.", "author=Farley, R.\n", true},
		{"Farley, R., and others", "author=Farley, R.\n", true},
		{"J. Smith & K. Jones (Eds.)", "editor=Smith, J.\neditor=Jones, K.\n",
		 false},
		{"ed. by John Smith", "editor=Smith, John\n", false},
		{"trans. Jane Doe", "translator=Doe, Jane\n", false},
		{"Farley", "author=Farley\n", false},
		{"Müller, Jürgen", "author=Müller, Jürgen\n", false},
		{"Smith-Jones, A.-M.", "author=Smith-Jones, A.-M.\n", false},
		{"", "", false},
		{", & ;", "", false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		colo_work w;
		bool etal = false;
		char *got;

		colo_work_init(&w);
		colo_refs_add_names(&w, t[i].in, strlen(t[i].in), COLO_ROLE_AUTHOR,
		                    &etal);
		got = render(&w);
		if (strcmp(got, t[i].want) != 0 || etal != t[i].etal)
			fail_msg("names '%s':\n--- want (etal %d)\n%s--- got (etal %d)\n%s",
			         t[i].in, t[i].etal, t[i].want, etal, got);
		free(got);
		colo_work_cleanup(&w);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
