/* cli.h - what every command shares: the context, option tables, output
 * helpers and exit codes.
 *
 * Commands read argv and print; they hold no domain logic (that lives in
 * core/ and importers/).  Results go to ctx->out, diagnostics to ctx->err. */
#ifndef COLOPHON_CLI_H
#define COLOPHON_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "colophon/buf.h"
#include "colophon/error.h"
#include "colophon/store.h"

/* Exit codes (also listed by `colophon --help`). */
enum {
	COLO_EXIT_OK = 0,
	COLO_EXIT_FAIL = 1,
	COLO_EXIT_USAGE = 2,
	COLO_EXIT_INPUT = 3,
	COLO_EXIT_DB = 4,
	COLO_EXIT_NET = 5,
	COLO_EXIT_NOTFOUND = 6
};

typedef struct colo_ctx {
	FILE *out;
	FILE *err;
	const char *db_uri; /* --db, else COLOPHON_DB, else the local server */
	colo_store *store;  /* opened on first use by colo_ctx_store */
	char *uri;          /* the URI the store was opened with */
	bool local;         /* the URI is the managed local server's */
	bool offline;       /* --offline or COLOPHON_OFFLINE: never fetch */
	bool refresh;       /* --refresh: bypass the response cache */
	struct colo_fetch *fetch; /* made on first use by colo_ctx_fetch */
} colo_ctx;

void colo_ctx_init(colo_ctx *ctx, FILE *out, FILE *err);
void colo_ctx_cleanup(colo_ctx *ctx);

/* Opens the store on first use: --db, COLOPHON_DB, or the local server
 * (started on demand).  On failure prints the error and returns NULL. */
colo_store *colo_ctx_store(colo_ctx *ctx);

/* Prints "colophon: [FILE:LINE:COL: ]message" to ctx->err and returns the
 * exit code for err->code. */
int colo_ctx_fail(colo_ctx *ctx, const colo_error *err, const char *file);

/* printf-style diagnostic "colophon: ..." to ctx->err; returns `code`. */
int colo_ctx_errorf(colo_ctx *ctx, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

int colo_exit_code(int colo_code);

/* ---- options ------------------------------------------------------- */

typedef enum { COLO_OPT_FLAG, COLO_OPT_VALUE } colo_opt_kind;

typedef struct colo_opt {
	const char *name;  /* long name without dashes: "dry-run" */
	char shortname;    /* 0 when none */
	colo_opt_kind kind;
	const char *metavar; /* for values: "FILE" */
	const char *help;
} colo_opt;

/* Parsed values, indexed like the table. */
typedef struct colo_optvals {
	bool set[32];
	const char *value[32];
	int npos;
	char *pos[64]; /* positional arguments in order */
} colo_optvals;

typedef struct colo_cmdspec {
	const char *name;     /* "import" */
	const char *usage;    /* "import [bio] FILE|-" */
	const char *summary;  /* one line */
	const char *details;  /* paragraphs after the options; may be NULL */
	const colo_opt *opts; /* terminated by a zero row */
} colo_cmdspec;

/* Parses argv[1..argc) (argv[0] is the command name) against spec's
 * options plus the common ones (--db, --help).  Returns -1 to go on,
 * or an exit code: 0 after printing --help, 2 after a usage error. */
int colo_opts_parse(colo_ctx *ctx, const colo_cmdspec *spec, int argc,
                    char **argv, colo_optvals *vals);
bool colo_opt_set(const colo_cmdspec *spec, const colo_optvals *v,
                  const char *name);
const char *colo_opt_value(const colo_cmdspec *spec, const colo_optvals *v,
                           const char *name);
void colo_cmd_help(const colo_cmdspec *spec, FILE *out);

/* ---- input and output ------------------------------------------------ */

/* Reads PATH ("-" is stdin) fully, refusing more than `max` bytes.
 * Errors: COLO_EINPUT (missing, unreadable, too large). */
bool colo_read_input(const char *path, size_t max, colo_buf *out,
                     colo_error *err);

/* Checks that text input is non-empty, not binary and valid UTF-8; the
 * error carries line and column.  Errors: COLO_EINPUT. */
bool colo_check_text(const char *data, size_t len, colo_error *err);

/* Writes data to path atomically: a temp file beside it, fsync, rename.
 * On failure the old file is untouched. */
bool colo_write_atomic(const char *path, const char *data, size_t len,
                       colo_error *err);

/* Writes all of buf to ctx->out; false on a write error (reported). */
bool colo_emit(colo_ctx *ctx, const colo_buf *buf);

/* ---- storing what an importer returned ------------------------------ */

typedef struct colo_import_req {
	const char *kind;   /* importer or service: "bibtex", "refs", "doi" */
	const char *origin; /* path, URL or "-", as messages name it */
	const char *bytes;  /* the source's bytes (hashed into its id) */
	size_t len;
	bool dry_run; /* ask the store what would happen, write nothing */
	bool json;    /* summary (or preview) as JSON, see docs/OUTPUT.md */
} colo_import_req;

/* The end of every structured import: fills in the batch's source and
 * keys, adds people for its creators, then either previews against the
 * store (new / merged / version, per work) or saves the batch through the
 * normal dedup and merge, with a progress line on a terminal, and prints
 * the summary.  Returns an exit code; errors are already printed. */
int colo_cli_store_batch(colo_ctx *ctx, colo_batch *b,
                         const colo_import_req *req);

/* ---- fetching (cli/fetchctx.c) -------------------------------------- */

struct colo_fetch;

/* The run's fetcher (core/fetch.h), made on first use from the config
 * (contact address, base URLs), the --offline/--refresh flags and
 * COLOPHON_OFFLINE, with the store's response cache when a store can be
 * opened.  On failure prints the error and returns NULL. */
struct colo_fetch *colo_ctx_fetch(colo_ctx *ctx);

/* ---- commands ------------------------------------------------------ */

int cmd_import(colo_ctx *ctx, int argc, char **argv);
/* `import doi|isbn|orcid|openalex ...`: argv[0] is the kind. */
int cmd_import_doi(colo_ctx *ctx, int argc, char **argv);
int cmd_import_isbn(colo_ctx *ctx, int argc, char **argv);
int cmd_import_orcid(colo_ctx *ctx, int argc, char **argv);
int cmd_import_openalex(colo_ctx *ctx, int argc, char **argv);
int cmd_enrich(colo_ctx *ctx, int argc, char **argv);
extern const colo_cmdspec cmd_enrich_spec;
/* Moves works[work] of src, and the people its creators point at, to the
 * end of dst (cli/cmd_import_doi.c); src keeps an emptied slot. */
void colo_cli_batch_take(colo_batch *dst, colo_batch *src, size_t work);
int cmd_works(colo_ctx *ctx, int argc, char **argv);
int cmd_export(colo_ctx *ctx, int argc, char **argv);
int cmd_db(colo_ctx *ctx, int argc, char **argv);
int cmd_author(colo_ctx *ctx, int argc, char **argv);
int cmd_search(colo_ctx *ctx, int argc, char **argv);

extern const colo_cmdspec cmd_import_spec;
extern const colo_cmdspec cmd_works_spec;
extern const colo_cmdspec cmd_export_spec;
extern const colo_cmdspec cmd_db_spec;
extern const colo_cmdspec cmd_author_spec;
extern const colo_cmdspec cmd_search_spec;
int cmd_key(colo_ctx *ctx, int argc, char **argv);
extern const colo_cmdspec cmd_key_spec;


/* ---- article import, links and the graph (issue 6) ------------------ */

/* Reads an http(s) URL through core/http.c (at most min(max, 10 MB), https
 * redirects only, timeouts) or else a path ("-" is stdin) through
 * colo_read_input.  Errors: COLO_ENET for URLs, COLO_EINPUT for files. */
bool colo_read_source(const char *file_or_url, size_t max, colo_buf *out,
                      colo_error *err);

/* Finds the one stored work `query` names (citation key, id, key, DOI or
 * title).  -1 with *out filled (caller cleans up), else an exit code after
 * printing the problem (none or several match). */
int colo_cli_resolve_work(colo_ctx *ctx, const char *query, colo_work *out);

/* Keeps the text of the article a saved batch describes (works[0], with
 * its id, from source b->source.id) so `colophon link` can rescan it.
 * For cmd_import.c to call after saving an `article` batch. */
bool colo_cli_keep_article_text(colo_ctx *ctx, const colo_batch *b,
                                const char *data, size_t len, colo_error *err);

int cmd_link(colo_ctx *ctx, int argc, char **argv);
int cmd_cites(colo_ctx *ctx, int argc, char **argv);
int cmd_cited_by(colo_ctx *ctx, int argc, char **argv);
int cmd_graph(colo_ctx *ctx, int argc, char **argv);
extern const colo_cmdspec cmd_link_spec;
extern const colo_cmdspec cmd_cites_spec;
extern const colo_cmdspec cmd_cited_by_spec;
extern const colo_cmdspec cmd_graph_spec;

/* `colophon convert` (cli/cmd_convert.c): formats, no database. */
int cmd_convert(colo_ctx *ctx, int argc, char **argv);
extern const colo_cmdspec cmd_convert_spec;

/* `colophon show` (cli/cmd_show.c): one record with its evidence. */
int cmd_show(colo_ctx *ctx, int argc, char **argv);
extern const colo_cmdspec cmd_show_spec;

#endif
