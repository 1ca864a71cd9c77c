/* cmd_db.c - `colophon db start|stop|status|init`: the database's life. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/json.h"
#include "colophon/localdb.h"
#include "colophon/uri.h"

static const colo_opt db_opts[] = {
	{"json", 0, COLO_OPT_FLAG, NULL, "status as JSON"},
	{"force", 0, COLO_OPT_FLAG, NULL, "confirm 'drop'"},
	{0},
};

const colo_cmdspec cmd_db_spec = {
	"db",
	"db start|stop|status|init|drop [--json] [--force]",
	"Manage the database.",
	"actions:\n"
	"  start   start the local server (needs no URI); other commands start\n"
	"          it on demand anyway\n"
	"  stop    stop the local server\n"
	"  status  backend, server version, URI (password masked), counts\n"
	"  init    create collections, indexes and the schema document\n"
	"          (idempotent; also done on first use)\n"
	"  drop    delete the whole database (needs --force)\n"
	"The local server is used when neither --db nor COLOPHON_DB gives a\n"
	"URI. It runs under $XDG_DATA_HOME/colophon/server on a Unix socket:\n"
	"mongod when installed, else FerretDB (scripts/get-ferretdb.sh).\n",
	db_opts,
};

static const char *configured_uri(colo_ctx *ctx)
{
	const char *uri = ctx->db_uri;

	if (!uri || !*uri)
		uri = getenv("COLOPHON_DB");
	return uri && *uri ? uri : NULL;
}

static int db_status(colo_ctx *ctx, bool json)
{
	colo_localdb_status ls;
	colo_store_info info;
	colo_error err;
	colo_buf out;
	char *masked = NULL;
	bool running = true;
	int rc = COLO_EXIT_OK;

	memset(&ls, 0, sizeof ls);
	memset(&info, 0, sizeof info);
	colo_error_clear(&err);
	colo_buf_init(&out, 0);
	if (!configured_uri(ctx)) {
		if (!colo_localdb_status_get(&ls, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
		running = ls.running;
	}
	if (running) {
		if (!colo_ctx_store(ctx)) {
			rc = COLO_EXIT_DB;
			goto done;
		}
		if (!colo_store_info_get(ctx->store, &info, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
			goto done;
		}
	}
	masked = colo_uri_mask(ctx->uri ? ctx->uri : ls.uri ? ls.uri : "");
	if (json) {
		colo_json j;

		colo_json_init(&j, &out, true);
		colo_json_begin_object(&j);
		colo_json_kv_str(&j, "uri", masked);
		colo_json_key(&j, "local");
		colo_json_bool(&j, !configured_uri(ctx));
		colo_json_key(&j, "running");
		colo_json_bool(&j, running);
		if (!configured_uri(ctx)) {
			colo_json_kv_str(&j, "local_backend", ls.backend);
			colo_json_kv_str(&j, "local_dir", ls.dir);
			colo_json_kv_int(&j, "pid", ls.pid);
		}
		if (running) {
			colo_json_kv_str(&j, "backend", info.backend);
			colo_json_kv_str(&j, "server_version", info.server_version);
			colo_json_kv_str(&j, "database", info.database);
			colo_json_key(&j, "schema_version");
			colo_json_int(&j, info.schema_version);
			colo_json_key(&j, "counts");
			colo_json_begin_object(&j);
			colo_json_key(&j, "people");
			colo_json_int(&j, info.people);
			colo_json_key(&j, "works");
			colo_json_int(&j, info.works);
			colo_json_key(&j, "venues");
			colo_json_int(&j, info.venues);
			colo_json_key(&j, "links");
			colo_json_int(&j, info.links);
			colo_json_key(&j, "sources");
			colo_json_int(&j, info.sources);
			colo_json_end_object(&j);
		}
		colo_json_end_object(&j);
	} else {
		if (!configured_uri(ctx))
			colo_buf_printf(&out, "local server: %s%s%s\n",
			                ls.backend ? ls.backend : "none found",
			                ls.running ? ", running" : ", not running",
			                ls.dir ? "" : "");
		if (ls.running)
			colo_buf_printf(&out, "pid:          %d\ndirectory:    %s\n",
			                ls.pid, ls.dir ? ls.dir : "");
		colo_buf_printf(&out, "uri:          %s\n", masked);
		if (running) {
			colo_buf_printf(&out,
			                "backend:      %s\nserver:       %s\n"
			                "database:     %s\nschema:       %d\n"
			                "people:       %lld\nworks:        %lld\n"
			                "venues:       %lld\nlinks:        %lld\n"
			                "sources:      %lld\n",
			                info.backend ? info.backend : "?",
			                info.server_version ? info.server_version : "?",
			                info.database ? info.database : "?",
			                info.schema_version, info.people, info.works,
			                info.venues, info.links, info.sources);
		}
	}
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	free(masked);
	colo_buf_cleanup(&out);
	colo_store_info_cleanup(&info);
	colo_localdb_status_cleanup(&ls);
	return rc;
}

int cmd_db(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_error err;
	const char *action;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_db_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_db_spec.usage);
		return COLO_EXIT_USAGE;
	}
	action = v.pos[0];
	colo_error_clear(&err);
	if (strcmp(action, "status") == 0)
		return db_status(ctx, colo_opt_set(&cmd_db_spec, &v, "json"));
	if (strcmp(action, "start") == 0) {
		char *uri = NULL, *masked;

		if (!colo_localdb_start(&uri, &err))
			return colo_ctx_fail(ctx, &err, NULL);
		masked = colo_uri_mask(uri);
		fprintf(ctx->out, "local server running at %s\n", masked);
		free(masked);
		free(uri);
		return COLO_EXIT_OK;
	}
	if (strcmp(action, "stop") == 0) {
		bool was = false;

		if (!colo_localdb_stop(&was, &err))
			return colo_ctx_fail(ctx, &err, NULL);
		fprintf(ctx->out, "%s\n", was ? "local server stopped"
		                              : "local server was not running");
		return COLO_EXIT_OK;
	}
	if (strcmp(action, "init") == 0) {
		colo_store_info info;
		char *masked;

		if (!colo_ctx_store(ctx))
			return COLO_EXIT_DB;
		memset(&info, 0, sizeof info);
		if (!colo_store_init(ctx->store, &err) ||
		    !colo_store_info_get(ctx->store, &info, &err))
			return colo_ctx_fail(ctx, &err, NULL);
		masked = colo_uri_mask(ctx->uri);
		fprintf(ctx->out, "database %s ready (schema %d) at %s\n",
		        info.database ? info.database : "?", info.schema_version,
		        masked);
		free(masked);
		colo_store_info_cleanup(&info);
		return COLO_EXIT_OK;
	}
	if (strcmp(action, "drop") == 0) {
		if (!colo_opt_set(&cmd_db_spec, &v, "force"))
			return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
			                       "db drop deletes every record; "
			                       "add --force to confirm");
		if (!colo_ctx_store(ctx))
			return COLO_EXIT_DB;
		if (!colo_store_drop(ctx->store, &err))
			return colo_ctx_fail(ctx, &err, NULL);
		fprintf(ctx->out, "database dropped\n");
		return COLO_EXIT_OK;
	}
	return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
	                       "unknown db action '%s' (start, stop, status, init, drop)",
	                       action);
}
