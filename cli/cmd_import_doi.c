/* cmd_import_doi.c - placeholder, replaced by its owner before landing. */
#include "cli.h"
int cmd_import_doi(colo_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return colo_ctx_errorf(ctx, COLO_EXIT_FAIL, "not built yet");
}
int cmd_import_isbn(colo_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return colo_ctx_errorf(ctx, COLO_EXIT_FAIL, "not built yet");
}
