/* localdb.h - the database server Colophon runs for the user when no URI is
 * configured.
 *
 * The server lives under $XDG_DATA_HOME/colophon/server (default
 * ~/.local/share/colophon/server) and is reached through a Unix socket
 * there (or, when that path would be too long for a socket, under
 * ${XDG_RUNTIME_DIR:-/tmp}/colophon-<uid>/).  mongod also needs a TCP port:
 * it gets a free one bound to 127.0.0.1 only.
 * It is `mongod` when one is on PATH, else FerretDB (SQLite backend) found
 * as $COLOPHON_FERRETDB, `ferretdb` on PATH, or the copy that
 * scripts/get-ferretdb.sh caches under $XDG_CACHE_HOME/colophon.
 * Errors: COLO_EDB with what to install when no server binary exists, or
 * why the server did not come up (with the log file's path). */
#ifndef COLOPHON_LOCALDB_H
#define COLOPHON_LOCALDB_H

#include <stdbool.h>

#include "colophon/error.h"

typedef struct colo_localdb_status {
	bool running;
	int pid;
	char *backend; /* "ferretdb" or "mongod"; NULL when none can be found */
	char *binary;  /* path of the server binary, NULL when none */
	char *dir;     /* the server's directory */
	char *uri;     /* the URI to reach it */
} colo_localdb_status;

void colo_localdb_status_cleanup(colo_localdb_status *st);

/* Fills *st; never starts anything. */
bool colo_localdb_status_get(colo_localdb_status *st, colo_error *err);

/* Starts the server unless it runs; waits (at most 20 s) until it answers.
 * *uri_out (caller frees) is the URI to reach it; may be NULL. */
bool colo_localdb_start(char **uri_out, colo_error *err);

/* Stops the server if it runs (SIGTERM, then SIGKILL after 10 s);
 * *was_running tells which.  was_running may be NULL. */
bool colo_localdb_stop(bool *was_running, colo_error *err);

#endif
