/* options.c - the option parser and --help renderer every command uses.
 *
 * One static table per command drives both parsing and help, so the help
 * can never list an option the parser does not know (git's parse-options,
 * in small).  Long options take "--name VALUE" or "--name=VALUE"; short
 * ones "-o VALUE"; "--" ends options. */
#include "cli.h"

#include <string.h>

/* Options every command accepts; they come after the command's own. */
static const colo_opt common_opts[] = {
	{"db", 0, COLO_OPT_VALUE, "URI",
	 "MongoDB URI (default: $COLOPHON_DB, else the local server)"},
	{"help", 'h', COLO_OPT_FLAG, NULL, "show this help and exit"},
	{0},
};

static size_t count_opts(const colo_opt *o)
{
	size_t n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

/* Finds an option by long name across the command's table and the common
 * one; returns its slot index or -1. */
static int find_long(const colo_cmdspec *spec, const char *name, size_t len,
                     const colo_opt **out)
{
	size_t n = count_opts(spec->opts);

	for (size_t i = 0; i < n; i++)
		if (strlen(spec->opts[i].name) == len &&
		    strncmp(spec->opts[i].name, name, len) == 0) {
			*out = &spec->opts[i];
			return (int)i;
		}
	for (size_t i = 0; common_opts[i].name; i++)
		if (strlen(common_opts[i].name) == len &&
		    strncmp(common_opts[i].name, name, len) == 0) {
			*out = &common_opts[i];
			return (int)(n + i);
		}
	return -1;
}

static int find_short(const colo_cmdspec *spec, char c, const colo_opt **out)
{
	size_t n = count_opts(spec->opts);

	for (size_t i = 0; i < n; i++)
		if (spec->opts[i].shortname == c) {
			*out = &spec->opts[i];
			return (int)i;
		}
	for (size_t i = 0; common_opts[i].name; i++)
		if (common_opts[i].shortname == c) {
			*out = &common_opts[i];
			return (int)(n + i);
		}
	return -1;
}

static int usage_error(colo_ctx *ctx, const colo_cmdspec *spec,
                       const char *what, const char *arg)
{
	fprintf(ctx->err, "colophon %s: %s '%s'\n", spec->name, what, arg);
	fprintf(ctx->err, "usage: colophon %s\n", spec->usage);
	fprintf(ctx->err, "try 'colophon %s --help'\n", spec->name);
	return COLO_EXIT_USAGE;
}

int colo_opts_parse(colo_ctx *ctx, const colo_cmdspec *spec, int argc,
                    char **argv, colo_optvals *vals)
{
	size_t nown = count_opts(spec->opts);
	bool only_pos = false;

	memset(vals, 0, sizeof *vals);
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const colo_opt *opt = NULL;
		const char *value = NULL;
		int slot;

		if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
			if (vals->npos >= (int)(sizeof vals->pos / sizeof vals->pos[0]))
				return usage_error(ctx, spec, "too many arguments at", a);
			vals->pos[vals->npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);

			slot = find_long(spec, a + 2, len, &opt);
			if (slot < 0)
				return usage_error(ctx, spec, "unknown option", a);
			if (eq) {
				if (opt->kind == COLO_OPT_FLAG)
					return usage_error(ctx, spec,
					                   "option takes no value", a);
				value = eq + 1;
			}
		} else {
			if (a[2] != '\0')
				return usage_error(ctx, spec, "unknown option", a);
			slot = find_short(spec, a[1], &opt);
			if (slot < 0)
				return usage_error(ctx, spec, "unknown option", a);
		}
		if (opt->kind == COLO_OPT_VALUE && !value) {
			if (i + 1 >= argc)
				return usage_error(ctx, spec, "missing value for", a);
			value = argv[++i];
		}
		if ((size_t)slot >= sizeof vals->set / sizeof vals->set[0])
			return usage_error(ctx, spec, "too many options at", a);
		vals->set[slot] = true;
		vals->value[slot] = value;
		if ((size_t)slot >= nown && strcmp(opt->name, "help") == 0) {
			colo_cmd_help(spec, ctx->out);
			return COLO_EXIT_OK;
		}
		if ((size_t)slot >= nown && strcmp(opt->name, "db") == 0)
			ctx->db_uri = value;
	}
	return -1;
}

static int slot_of(const colo_cmdspec *spec, const char *name)
{
	const colo_opt *opt;

	return find_long(spec, name, strlen(name), &opt);
}

bool colo_opt_set(const colo_cmdspec *spec, const colo_optvals *v,
                  const char *name)
{
	int slot = slot_of(spec, name);

	return slot >= 0 && v->set[slot];
}

const char *colo_opt_value(const colo_cmdspec *spec, const colo_optvals *v,
                           const char *name)
{
	int slot = slot_of(spec, name);

	return slot >= 0 && v->set[slot] ? v->value[slot] : NULL;
}

static void print_opts(const colo_opt *o, FILE *out)
{
	for (; o && o->name; o++) {
		char left[64];

		if (o->shortname)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->shortname,
			         o->name, o->metavar ? " " : "",
			         o->metavar ? o->metavar : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name,
			         o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(out, "  %-24s %s\n", left, o->help);
	}
}

void colo_cmd_help(const colo_cmdspec *spec, FILE *out)
{
	fprintf(out, "usage: colophon %s\n\n%s\n", spec->usage, spec->summary);
	fprintf(out, "\noptions:\n");
	print_opts(spec->opts, out);
	print_opts(common_opts, out);
	if (spec->details)
		fprintf(out, "\n%s", spec->details);
	fprintf(out, "\nexit codes: 0 ok, 1 failure, 2 usage, 3 bad input, "
	             "4 database error, 5 network error, 6 not found\n");
}
