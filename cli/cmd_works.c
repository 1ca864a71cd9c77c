/* cmd_works.c - `colophon works AUTHOR`: what has this person written?
 *
 * Finds the one person AUTHOR names (people.c), then their works through
 * the store's indexed query with the filters, and prints a table that fits
 * the terminal, JSON, or any export format. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "colophon/citekey.h"
#include "colophon/store_query.h"
#include "colophon/writer.h"
#include "people.h"
#include "render.h"

static const colo_opt works_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "same as --format json"},
	{"format", 'f', COLO_OPT_VALUE, "FMT",
	 "table (default), json, bibtex, biblatex, csljson or ris"},
	{"type", 't', COLO_OPT_VALUE, "TYPE",
	 "only this CSL type (book, chapter ...; article = any article-*)"},
	{"since", 0, COLO_OPT_VALUE, "YEAR", "only works issued in or after YEAR"},
	{"until", 0, COLO_OPT_VALUE, "YEAR", "only works issued in or before YEAR"},
	{"venue", 0, COLO_OPT_VALUE, "NAME", "only works in this journal, site or publisher"},
	{"role", 0, COLO_OPT_VALUE, "ROLE", "only works where the person is author or editor"},
	{"sort", 's', COLO_OPT_VALUE, "KEY", "year (default, newest first), title or venue"},
	{"person", 0, COLO_OPT_VALUE, "ID",
	 "the person's id, when several people match AUTHOR"},
	{0},
};

const colo_cmdspec cmd_works_spec = {
	"works",
	"works AUTHOR [--json] [--person ID]",
	"List AUTHOR's works, newest first.  AUTHOR may be written as\n"
	"\"Robert Farley\", \"Farley\", \"R. Farley\", \"Farley, Robert\" or with\n"
	"an honorific; accents do not matter (\"Muller\" finds \"Müller\").",
	"Table columns: year, type, title, publisher or container; the table is\n"
	"cut to the terminal's width when output is a terminal.\n"
	"When AUTHOR matches several people, they are listed with what tells\n"
	"them apart; pick one with --person ID.\n",
	works_opts,
};

static bool parse_year(const char *s, int *out)
{
	char *end;
	long y = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || y < 0 || y > 9999)
		return false;
	*out = (int)y;
	return true;
}

/* Columns available, or 0 when output is not a terminal (no cutting). */
static size_t terminal_width(FILE *out)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (!isatty(fileno(out)))
		return 0;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	if (cols) {
		long n = strtol(cols, NULL, 10);

		if (n > 20 && n < 10000)
			return (size_t)n;
	}
	return 80;
}

/* Appends s cut to `width` display columns (UTF-8 aware: continuation
 * bytes take no column); width 0 means no cut. */
static void put_cut(colo_buf *out, const char *s, size_t width)
{
	size_t cols = 0, i = 0, n = strlen(s);

	if (!width) {
		colo_buf_puts(out, s);
		return;
	}
	while (i < n) {
		size_t len = 1;

		while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
			len++;
		if (cols + 1 >= width && i + len < n) {
			colo_buf_puts(out, "\xe2\x80\xa6"); /* … */
			return;
		}
		colo_buf_append(out, s + i, len);
		cols++;
		i += len;
	}
}

static void table(colo_buf *out, const colo_work_list *works, size_t width)
{
	for (size_t i = 0; i < works->n; i++) {
		const colo_work *w = &works->items[i];
		char *title = colo_render_full_title(w);
		const char *where = w->publisher ? w->publisher : w->container;
		colo_buf line;

		colo_buf_init(&line, 0);
		if (w->year)
			colo_buf_printf(&line, "%-6d", w->year);
		else
			colo_buf_puts(&line, "n.d.  ");
		colo_buf_printf(&line, "%-16s %s", w->type ? w->type : "work", title);
		if (where)
			colo_buf_printf(&line, " (%s)", where);
		put_cut(out, colo_buf_cstr(&line), width);
		colo_buf_putc(out, '\n');
		colo_buf_cleanup(&line);
		free(title);
	}
}

int cmd_works(colo_ctx *ctx, int argc, char **argv)
{
	const colo_cmdspec *spec = &cmd_works_spec;
	colo_optvals v;
	colo_person person;
	colo_works_query q;
	colo_work_list works;
	colo_error err;
	colo_buf out;
	const char *fmt, *s;
	colo_format wf = COLO_FMT_BIBTEX;
	int rc;

	rc = colo_opts_parse(ctx, spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", spec->usage);
		return COLO_EXIT_USAGE;
	}
	colo_works_query_init(&q);
	fmt = colo_opt_set(spec, &v, "json") ? "json" : colo_opt_value(spec, &v, "format");
	if (!fmt)
		fmt = "table";
	if (strcmp(fmt, "table") != 0 && strcmp(fmt, "json") != 0 &&
	    !colo_format_parse(fmt, &wf))
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "unknown format '%s' (table, json, bibtex, "
		                       "biblatex, csljson, ris)", fmt);
	q.type = colo_opt_value(spec, &v, "type");
	q.venue = colo_opt_value(spec, &v, "venue");
	if ((s = colo_opt_value(spec, &v, "since")) && !parse_year(s, &q.since))
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE, "--since wants a year, not '%s'", s);
	if ((s = colo_opt_value(spec, &v, "until")) && !parse_year(s, &q.until))
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE, "--until wants a year, not '%s'", s);
	if ((s = colo_opt_value(spec, &v, "role"))) {
		colo_creator_role r;

		if (!colo_creator_role_parse(s, &r))
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "--role wants author, editor or translator, not '%s'", s);
		q.role = (int)r;
	}
	if ((s = colo_opt_value(spec, &v, "sort"))) {
		if (strcmp(s, "year") == 0)
			q.sort = COLO_SORT_YEAR;
		else if (strcmp(s, "title") == 0)
			q.sort = COLO_SORT_TITLE;
		else if (strcmp(s, "venue") == 0)
			q.sort = COLO_SORT_VENUE;
		else
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "--sort wants year, title or venue, not '%s'", s);
	}
	rc = colo_cli_resolve_person(ctx, v.pos[0], colo_opt_value(spec, &v, "person"),
	                             &person);
	if (rc >= 0)
		return rc;
	q.person_id = person.id;
	colo_work_list_init(&works);
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;
	if (!colo_store_works_query(ctx->store, &q, &works, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (strcmp(fmt, "json") == 0) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_array(&j);
		for (size_t i = 0; i < works.n; i++)
			colo_render_work_json(&j, &works.items[i]);
		colo_json_end_array(&j);
	} else if (strcmp(fmt, "table") == 0) {
		table(&out, &works, terminal_width(ctx->out));
	} else {
		colo_write_begin(&out, wf);
		for (size_t i = 0; i < works.n; i++) {
			colo_work *w = &works.items[i];

			if (!w->citekey)
				w->citekey = colo_citekey_make(w);
			if (!colo_write_work(&out, wf, w, i == 0, NULL, &err)) {
				rc = colo_ctx_fail(ctx, &err, NULL);
				goto done;
			}
		}
		colo_write_end(&out, wf);
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_work_list_cleanup(&works);
	colo_person_cleanup(&person);
	return rc;
}
