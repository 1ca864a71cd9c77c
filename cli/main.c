/* main.c - colophon's entry point: global options and the command table.
 *
 * Everything else lives in the colophon_cli library so tests can call the
 * commands directly. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#include "dispatch.h"

int main(int argc, char **argv)
{
	return colo_main(argc, argv);
}
