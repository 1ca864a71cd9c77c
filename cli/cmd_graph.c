/* cmd_graph.c - `colophon graph AUTHOR|WORK --format dot|json`: a person's
 * or a work's neighbourhood as a graph: the person, their works, the
 * venues they write for, found or edit, and the works citing their works.
 *
 * DOT is for Graphviz (`dot -Tpng`); the JSON is exactly
 * {"nodes": [{"id", "kind", "label"}], "edges": [{"from", "to", "rel"}]}
 * with kind person, work or venue.  Reads only. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "colophon/json.h"
#include "colophon/mem.h"
#include "colophon/name.h"
#include "colophon/store_links.h"

static const colo_opt graph_opts[] = {
	{"format", 'f', COLO_OPT_VALUE, "dot|json", "output format (default dot)"},
	{0},
};

const colo_cmdspec cmd_graph_spec = {
	"graph",
	"graph AUTHOR|WORK [--format dot|json]",
	"Print the graph around a person or a work, as DOT or JSON.\n"
	"AUTHOR is written as for 'works'; WORK is a citation key, id, DOI or\n"
	"title.  The graph holds people, works and venues one link away, and\n"
	"the works that cite those works.",
	"Render DOT with Graphviz: colophon graph \"Robert Farley\" | dot -Tpng "
	"-o farley.png\n",
	graph_opts,
};

/* A DOT double-quoted string. */
static void dot_str(colo_buf *b, const char *s)
{
	colo_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			colo_buf_putc(b, '\\');
		if (*s == '\n') {
			colo_buf_puts(b, "\\n");
			continue;
		}
		colo_buf_putc(b, *s);
	}
	colo_buf_putc(b, '"');
}

static void render_dot(const colo_graph *g, colo_buf *b)
{
	colo_buf_puts(b, "digraph colophon {\n"
	                 "  rankdir=LR;\n"
	                 "  node [fontname=\"Helvetica\", fontsize=10];\n"
	                 "  edge [fontname=\"Helvetica\", fontsize=9];\n");
	for (size_t i = 0; i < g->nnodes; i++) {
		const colo_graph_node *n = &g->nodes[i];
		const char *shape = n->kind == COLO_KIND_PERSON ? "ellipse"
		                    : n->kind == COLO_KIND_WORK ? "box"
		                                                : "hexagon";

		colo_buf_puts(b, "  ");
		dot_str(b, n->id);
		colo_buf_puts(b, " [label=");
		dot_str(b, n->label);
		colo_buf_printf(b, ", shape=%s];\n", shape);
	}
	for (size_t i = 0; i < g->nedges; i++) {
		colo_buf_puts(b, "  ");
		dot_str(b, g->edges[i].from);
		colo_buf_puts(b, " -> ");
		dot_str(b, g->edges[i].to);
		colo_buf_puts(b, " [label=");
		dot_str(b, g->edges[i].rel);
		colo_buf_puts(b, "];\n");
	}
	colo_buf_puts(b, "}\n");
}

static void render_json(const colo_graph *g, colo_buf *b)
{
	colo_json j;

	colo_json_init(&j, b, true);
	colo_json_begin_object(&j);
	colo_json_key(&j, "nodes");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < g->nnodes; i++) {
		colo_json_begin_object(&j);
		colo_json_key(&j, "id");
		colo_json_string(&j, g->nodes[i].id);
		colo_json_key(&j, "kind");
		colo_json_string(&j, colo_kind_name(g->nodes[i].kind));
		colo_json_key(&j, "label");
		colo_json_string(&j, g->nodes[i].label);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_key(&j, "edges");
	colo_json_begin_array(&j);
	for (size_t i = 0; i < g->nedges; i++) {
		colo_json_begin_object(&j);
		colo_json_key(&j, "from");
		colo_json_string(&j, g->edges[i].from);
		colo_json_key(&j, "to");
		colo_json_string(&j, g->edges[i].to);
		colo_json_key(&j, "rel");
		colo_json_string(&j, g->edges[i].rel);
		colo_json_end_object(&j);
	}
	colo_json_end_array(&j);
	colo_json_end_object(&j);
}

/* AUTHOR first (one person), else WORK.  -1 with kind and id set on success. */
static int resolve(colo_ctx *ctx, const char *q, colo_kind *kind, char **id)
{
	colo_person_list people;
	colo_name name;
	colo_error err;
	char *hon = NULL;
	size_t skip = colo_name_split_honorific(q, strlen(q), &hon);
	int rc = -1;

	free(hon);
	colo_name_init(&name);
	colo_name_parse(q + skip, strlen(q) - skip, &name);
	colo_person_list_init(&people);
	colo_error_clear(&err);
	if (!colo_store_find_people(ctx->store, &name, &people, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (people.n > 1) {
		fprintf(ctx->err, "colophon: %zu people match '%s':\n", people.n, q);
		for (size_t i = 0; i < people.n; i++) {
			char *d = colo_name_display(&people.items[i].name);

			fprintf(ctx->err, "  %-40s %s\n", people.items[i].id,
			        d ? d : "");
			free(d);
		}
		rc = COLO_EXIT_FAIL;
		goto done;
	}
	if (people.n == 1) {
		*kind = COLO_KIND_PERSON;
		*id = colo_xstrdup(people.items[0].id);
		goto done;
	}
	{
		colo_work_list works;

		colo_work_list_init(&works);
		if (!colo_store_find_works(ctx->store, q, &works, &err)) {
			rc = colo_ctx_fail(ctx, &err, NULL);
		} else if (works.n == 0) {
			rc = colo_ctx_errorf(ctx, COLO_EXIT_NOTFOUND,
			                     "no person or work matches '%s'", q);
		} else if (works.n > 1) {
			fprintf(ctx->err,
			        "colophon: %zu works match '%s'; name one by its "
			        "citation key:\n",
			        works.n, q);
			for (size_t i = 0; i < works.n; i++)
				fprintf(ctx->err, "  %-28s %s\n",
				        works.items[i].citekey ? works.items[i].citekey : "?",
				        works.items[i].title ? works.items[i].title : "");
			rc = COLO_EXIT_FAIL;
		} else {
			*kind = COLO_KIND_WORK;
			*id = colo_xstrdup(works.items[0].id);
		}
		colo_work_list_cleanup(&works);
	}
done:
	colo_person_list_cleanup(&people);
	colo_name_cleanup(&name);
	return rc;
}

int cmd_graph(colo_ctx *ctx, int argc, char **argv)
{
	colo_optvals v;
	colo_graph g;
	colo_error err;
	colo_buf out;
	colo_kind kind = COLO_KIND_PERSON;
	char *id = NULL;
	const char *format;
	int rc;

	rc = colo_opts_parse(ctx, &cmd_graph_spec, argc, argv, &v);
	if (rc >= 0)
		return rc;
	if (v.npos != 1) {
		fprintf(ctx->err, "usage: colophon %s\n", cmd_graph_spec.usage);
		return COLO_EXIT_USAGE;
	}
	format = colo_opt_value(&cmd_graph_spec, &v, "format");
	if (!format)
		format = "dot";
	if (strcmp(format, "dot") != 0 && strcmp(format, "json") != 0)
		return colo_ctx_errorf(ctx, COLO_EXIT_USAGE,
		                       "unknown format '%s' (dot or json)", format);
	if (!colo_ctx_store(ctx))
		return COLO_EXIT_DB;
	rc = resolve(ctx, v.pos[0], &kind, &id);
	if (rc >= 0)
		return rc;
	colo_graph_init(&g);
	colo_buf_init(&out, 0);
	colo_error_clear(&err);
	rc = COLO_EXIT_OK;
	if (!colo_store_graph(ctx->store, kind, id, &g, &err)) {
		rc = colo_ctx_fail(ctx, &err, NULL);
		goto done;
	}
	if (strcmp(format, "json") == 0)
		render_json(&g, &out);
	else
		render_dot(&g, &out);
	if (!colo_emit(ctx, &out))
		rc = COLO_EXIT_FAIL;
done:
	colo_buf_cleanup(&out);
	colo_graph_cleanup(&g);
	free(id);
	return rc;
}
