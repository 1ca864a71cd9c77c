/* dispatch.c - the command table, global options and top-level help.
 *
 * A command's row says whether it needs the store; `help` and `--help`
 * never open a database (git's RUN_SETUP, in small). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#include "dispatch.h"

typedef struct command {
	const char *name;
	int (*run)(colo_ctx *, int, char **);
	const colo_cmdspec *spec;
} command;

static const command commands[] = {
	{"import", cmd_import, &cmd_import_spec},
	{"works", cmd_works, &cmd_works_spec},
	{"author", cmd_author, &cmd_author_spec},
	{"search", cmd_search, &cmd_search_spec},
	{"export", cmd_export, &cmd_export_spec},
	{"db", cmd_db, &cmd_db_spec},
	{"convert", cmd_convert, &cmd_convert_spec},
	{"link", cmd_link, &cmd_link_spec},
	{"cites", cmd_cites, &cmd_cites_spec},
	{"cited-by", cmd_cited_by, &cmd_cited_by_spec},
	{"graph", cmd_graph, &cmd_graph_spec},
	{"key", cmd_key, &cmd_key_spec},
	{"show", cmd_show, &cmd_show_spec},
	{"enrich", cmd_enrich, &cmd_enrich_spec},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: colophon [--db URI] COMMAND [ARGS]\n"
	        "\n"
	        "Colophon turns author bios, publication lists and bibliographies\n"
	        "into bibliographic records in MongoDB, lists an author's works and\n"
	        "exports BibTeX.\n"
	        "\n"
	        "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const char *s = commands[i].spec->summary;
		const char *nl = strchr(s, '\n');

		fprintf(out, "  %-8s %.*s%s\n", commands[i].name,
		        (int)(nl ? nl - s : (long)strlen(s)), s, nl ? " ..." : "");
	}
	fprintf(out,
	        "  help     show help for a command\n"
	        "\n"
	        "global options:\n"
	        "  --db URI       MongoDB URI (also COLOPHON_DB); default: a local\n"
	        "                 server Colophon runs for you (see 'db --help')\n"
	        "  --version      print the version and exit\n"
	        "  -h, --help     show this help and exit\n"
	        "\n"
	        "exit codes:\n"
	        "  0  success\n"
	        "  1  failure (including several people matching a name)\n"
	        "  2  usage error\n"
	        "  3  bad input (empty, binary, invalid UTF-8, nothing found)\n"
	        "  4  database unreachable or refusing\n"
	        "  5  network error\n"
	        "  6  not found (no such person or record)\n"
	        "\n"
	        "Run 'colophon COMMAND --help' for a command's options.\n");
}

static const command *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int colo_main(int argc, char **argv)
{
	colo_ctx ctx;
	const command *cmd;
	int i = 1, rc;

	colo_ctx_init(&ctx, stdout, stderr);
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--version") == 0) {
			printf("colophon %s\n", COLOPHON_VERSION);
			return COLO_EXIT_OK;
		}
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return COLO_EXIT_OK;
		}
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			ctx.db_uri = argv[i + 1];
			i += 2;
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) == 0) {
			ctx.db_uri = argv[i] + 5;
			i++;
			continue;
		}
		fprintf(stderr, "colophon: unknown option '%s'\n", argv[i]);
		usage(stderr);
		return COLO_EXIT_USAGE;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: colophon [--db URI] COMMAND [ARGS]\n"
		                "Run 'colophon --help' for the commands and options.\n");
		return COLO_EXIT_USAGE;
	}
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 < argc) {
			cmd = find(argv[i + 1]);
			if (!cmd) {
				fprintf(stderr, "colophon: unknown command '%s'\n",
				        argv[i + 1]);
				return COLO_EXIT_USAGE;
			}
			colo_cmd_help(cmd->spec, stdout);
		} else {
			usage(stdout);
		}
		return COLO_EXIT_OK;
	}
	cmd = find(argv[i]);
	if (!cmd) {
		fprintf(stderr, "colophon: unknown command '%s'\n", argv[i]);
		fprintf(stderr, "Run 'colophon --help' for the list of commands.\n");
		return COLO_EXIT_USAGE;
	}
	rc = cmd->run(&ctx, argc - i, argv + i);
	colo_ctx_cleanup(&ctx);
	return rc;
}
