/* cmd_key.c - `colophon key regen [KEY...|-|--all] [--key-pattern P]`:
 * give works new citation keys on purpose.
 *
 * Keys are stored once and never change by themselves; this command is
 * the one way to change them (after fixing a record's author or year, or
 * to adopt another pattern).  Each selected work gets the key the pattern
 * gives, or that key plus the first free collision suffix.  A work whose
 * key already is the pattern's key (with or without a suffix) keeps it, so
 * running the command twice changes nothing the second time.  Changed
 * keys are printed as "OLD -> NEW", one per line. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/citekey.h"
#include "colophon/mem.h"
#include "colophon/store_export.h"

static const colo_opt key_opts[] = {
	{"all", 0, COLO_OPT_FLAG, NULL, "every work in the store"},
	{"key-pattern", 0, COLO_OPT_VALUE, "PATTERN",
	 "the pattern to use (default " COLO_CITEKEY_DEFAULT_PATTERN ")"},
	{"dry-run", 'n', COLO_OPT_FLAG, NULL,
	 "show what would change; change nothing"},
	{0},
};

const colo_cmdspec cmd_key_spec = {
	"key",
	"key regen [KEY...|-|--all] [--key-pattern PATTERN] [--dry-run]",
	"Regenerate citation keys: the only way a stored key changes.",
	"Each selected work gets the key PATTERN gives, plus a, b, c ... when\n"
	"another work holds it.  A work whose key already follows the pattern\n"
	"keeps it.  Changed keys are printed as 'OLD -> NEW'.\n"
	"Pattern tokens: [auth] [authors] [authorsN] [year] [title] [titleN]\n"
	"[shorttitle] [fulltitle]; modifiers :lower :upper :capitalize :N;\n"
	"literal letters, digits and _:.- between them.  See docs/EXPORT.md.\n",
	key_opts,
};

typedef struct target {
	char *id, *key;
} target;

typedef struct collect {
	target *t;
	size_t n, cap;
} collect;

static void add_target(collect *c, const colo_work *w)
{
	target *t;

	colo_grow((void **)&c->t, &c->cap, c->n + 1, sizeof *c->t);
	t = &c->t[c->n++];
	memset(t, 0, sizeof *t);
	t->id = colo_xstrdup(w->id ? w->id : "");
	t->key = colo_xstrdup(w->citekey ? w->citekey : "");
}

static bool collect_each(const colo_work *w, void *arg, colo_error *err)
{
	(void)err;
	add_target(arg, w);
	return true;
}

/* The key regen gives w (without touching the store): what
 * colo_store_citekey_assign keeps or would try first. */
static char *preview(const colo_citekey_pattern *p, const colo_work *w)
{
	return p ? colo_citekey_pattern_make(p, w) : colo_citekey_make(w);
}

/* Whether a work keyed `key` keeps it under `base`: the same, or base
 * plus a collision suffix of one to three letters (as the store decides). */
static bool keeps(const char *key, const char *base)
{
	size_t bl = strlen(base), kl = strlen(key);

	if (strncmp(key, base, bl) != 0 || kl > bl + 3)
		return false;
	for (const char *p = key + bl; *p; p++)
		if (*p < 'a' || *p > 'z')
			return false;
	return true;
}

int cmd_key(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_error err;
	colo_citekey_pattern *pattern = NULL;
	colo_store *store;
	colo_work_list works;
	collect c = {NULL, 0, 0};
	char **keys = NULL;
	bool *found = NULL, all, dry;
	size_t nkeys = 0, capkeys = 0, changed = 0, missing = 0;
	const char *pat;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_key_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	colo_work_list_init(&works);
	colo_error_clear(&err);
	if (v.npos < 1 || strcmp(v.pos[0], "regen") != 0) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_key_spec.usage);
		return COLO_EXIT_USAGE;
	}
	all = colo_opt_set(&cmd_key_spec, &v, "all");
	dry = colo_opt_set(&cmd_key_spec, &v, "dry-run");
	pat = colo_opt_value(&cmd_key_spec, &v, "key-pattern");
	if ((v.npos > 1) == all) {
		fprintf(ctx->err, "colophon: key regen: name the works (KEY... or "
		                  "'-') or say --all, not both\n");
		return COLO_EXIT_USAGE;
	}
	if (pat && !colo_citekey_pattern_parse(pat, &pattern, &err)) {
		fprintf(ctx->err, "colophon: --key-pattern '%s': column %u: %s\n", pat,
		        err.col, err.message);
		return COLO_EXIT_USAGE;
	}
	rc = COLO_EXIT_OK;
	for (int i = 1; i < v.npos; i++) {
		if (strcmp(v.pos[i], "-") == 0) {
			colo_buf in;
			char *save = NULL, *line;

			colo_buf_init(&in, 0);
			if (!colo_read_input("-", 64u * 1024 * 1024, &in, &err)) {
				colo_buf_cleanup(&in);
				rc = colo_ctx_fail(ctx, &err, "-");
				goto done;
			}
			for (line = strtok_r(in.data ? in.data : (char *)"", "\r\n \t", &save);
			     line; line = strtok_r(NULL, "\r\n \t", &save)) {
				colo_grow((void **)&keys, &capkeys, nkeys + 1, sizeof *keys);
				keys[nkeys++] = colo_xstrdup(line);
			}
			colo_buf_cleanup(&in);
			continue;
		}
		colo_grow((void **)&keys, &capkeys, nkeys + 1, sizeof *keys);
		keys[nkeys++] = colo_xstrdup(v.pos[i]);
	}
	store = colo_ctx_store(ctx);
	if (!store) {
		rc = COLO_EXIT_DB;
		goto done;
	}
	if (all) {
		/* Ids first, then changes: a cursor ordered by citekey must not
		 * see the keys it is changing. */
		if (!colo_store_works_each(store, collect_each, &c, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	} else if (nkeys) {
		found = colo_xcalloc(nkeys, sizeof *found);
		if (!colo_store_works_by_citekeys(store, (const char *const *)keys,
		                                  nkeys, &works, found, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
		for (size_t i = 0; i < works.n; i++)
			add_target(&c, &works.items[i]);
	}
	for (size_t i = 0; i < c.n; i++) {
		char *base = NULL, *key = NULL;
		bool did = false, ok = true, have = false;
		colo_work w;

		colo_work_init(&w);
		if (!colo_store_work_by_id(store, c.t[i].id, &w, &have, &err)) {
			colo_work_cleanup(&w);
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
		if (!have) { /* deleted meanwhile */
			colo_work_cleanup(&w);
			continue;
		}
		base = preview(pattern, &w);
		if (dry) {
			if (!keeps(c.t[i].key, base))
				fprintf(ctx->out, "%s -> %s\n", c.t[i].key, base);
		} else {
			ok = colo_store_citekey_assign(store, c.t[i].id, base, &key, &did,
			                               &err);
			if (ok && did) {
				fprintf(ctx->out, "%s -> %s\n", c.t[i].key, key);
				changed++;
			}
		}
		free(key);
		free(base);
		colo_work_cleanup(&w);
		if (!ok) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	}
	for (size_t i = 0; i < nkeys; i++)
		if (!found[i]) {
			fprintf(ctx->err, "colophon: not in the store: %s\n", keys[i]);
			missing++;
		}
	if (!dry)
		fprintf(ctx->err, "colophon: %zu of %zu keys changed\n", changed,
		        c.n);
	if (missing)
		rc = COLO_EXIT_NOTFOUND;
done:
	for (size_t i = 0; i < c.n; i++) {
		free(c.t[i].id);
		free(c.t[i].key);
	}
	free(c.t);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(found);
	colo_work_list_cleanup(&works);
	colo_citekey_pattern_destroy(pattern);
	return rc;
}
