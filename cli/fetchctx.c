/* fetchctx.c - the run's fetcher: core/fetch.h set up from the config file
 * and environment (core/config.h), the command's --offline / --refresh,
 * and the store's response cache.
 *
 * The cache is the store the command uses anyway.  When no store can be
 * opened the fetcher works without a cache (a note says so on stderr):
 * fetching must not depend on the database, and a command that needs the
 * store reports the database error itself when it opens it.
 *
 * Environment knobs, besides config.h's: COLOPHON_OFFLINE=1 (like
 * --offline) and, for tests against tests/support/httpd.py only,
 * COLOPHON_HTTP_ALLOW_HTTP=1 (redirects to plain-http loopback URLs). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "colophon/config.h"
#include "colophon/fetch.h"
#include "colophon/localdb.h"
#include "colophon/mem.h"

static bool env_true(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0") != 0;
}

/* colo_ctx_store without printing: the cache is optional. */
static colo_store *quiet_store(colo_ctx *ctx, colo_error *err)
{
	const char *uri = ctx->db_uri;
	char *u = NULL;
	bool local = false;
	colo_store *s = NULL;

	if (ctx->store)
		return ctx->store;
	if (!uri || !*uri)
		uri = getenv("COLOPHON_DB");
	if (uri && *uri) {
		u = colo_xstrdup(uri);
	} else {
		if (!colo_localdb_start(&u, err))
			return NULL;
		local = true;
	}
	if (!colo_store_open(u, &s, err)) {
		free(u);
		return NULL;
	}
	ctx->store = s;
	free(ctx->uri);
	ctx->uri = u;
	ctx->local = local;
	return s;
}

struct colo_fetch *colo_ctx_fetch(colo_ctx *ctx)
{
	colo_fetch_opts o;
	colo_error err;
	const colo_config *cfg;

	if (ctx->fetch)
		return ctx->fetch;
	colo_error_clear(&err);
	cfg = colo_config_get(&err);
	if (err.code) {
		colo_ctx_fail(ctx, &err, NULL);
		return NULL;
	}
	memset(&o, 0, sizeof o);
	o.offline = ctx->offline || env_true("COLOPHON_OFFLINE");
	ctx->offline = o.offline;
	o.refresh = ctx->refresh;
	o.mailto = cfg->mailto;
	o.allow_http = env_true("COLOPHON_HTTP_ALLOW_HTTP");
	/* config: -1 unset, 0 "none"; fetch options: 0 default, < 0 none */
	if (cfg->min_interval_ms >= 0)
		o.min_interval_ms = cfg->min_interval_ms ? cfg->min_interval_ms : -1;
	if (cfg->cache_ttl_s >= 0)
		o.cache_ttl_s = cfg->cache_ttl_s ? cfg->cache_ttl_s : -1;
	if (cfg->max_retries >= 0)
		o.max_retries = cfg->max_retries ? cfg->max_retries : -1;
	if (cfg->max_backoff_ms >= 0)
		o.max_backoff_ms = cfg->max_backoff_ms ? cfg->max_backoff_ms : 1;
	/* --refresh without a cache would be the same as no cache; still open
	 * it, so the fresh answers are kept for the next run. */
	o.cache = quiet_store(ctx, &err);
	if (!o.cache)
		fprintf(ctx->err,
		        "colophon: note: fetching without the response cache (%s)\n",
		        err.message);
	colo_error_clear(&err);
	if (!colo_fetch_new(&o, &ctx->fetch, &err)) {
		colo_ctx_fail(ctx, &err, NULL);
		return NULL;
	}
	return ctx->fetch;
}
