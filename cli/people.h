/* people.h - resolving an AUTHOR argument to one stored person, shared by
 * the commands that take one (works, export --author). */
#ifndef COLOPHON_CLI_PEOPLE_H
#define COLOPHON_CLI_PEOPLE_H

#include "cli.h"
#include "colophon/model.h"

/* Finds the one person `author` names (honorifics ignored; "Farley",
 * "R. Farley", "Farley, Robert" all work).  When several match and
 * `person_id` is NULL, lists them on ctx->err and fails; with person_id,
 * picks that one.  On success *out holds a copy (caller cleans it up) and
 * the return is -1; else an exit code after printing the problem. */
int colo_cli_resolve_person(colo_ctx *ctx, const char *author,
                            const char *person_id, colo_person *out);

#endif
