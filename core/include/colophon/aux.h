/* aux.h - the citation keys a LaTeX document uses, read from its .aux.
 *
 * Understands BibTeX's \citation{a,b} and biblatex's \abx@aux@cite{KEY}
 * and \abx@aux@cite{REFSECTION}{KEY}, and follows \@input{other.aux}
 * (what \include writes) relative to the main .aux's directory, where
 * LaTeX ran.  `\citation{*}` (\nocite{*}) means every work.  Reading is
 * cycle-safe: a file already read is not read again. */
#ifndef COLOPHON_AUX_H
#define COLOPHON_AUX_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/error.h"

typedef struct colo_aux {
	char **keys;    /* distinct keys in order of first citation */
	size_t nkeys, capkeys;
	bool all;       /* \citation{*} or \abx@aux@cite{...}{*} seen */
	size_t nfiles;  /* files read */
	char *errfile;  /* after a failure: the file the position is in */
	/* private: paths read so far (cycle safety) */
	char **seen;
	size_t nseen, capseen;
} colo_aux;

void colo_aux_init(colo_aux *a);
void colo_aux_cleanup(colo_aux *a);

/* Reads the .aux at path and every file it \@inputs, adding keys to a.
 * Errors: COLO_EINPUT when a file cannot be read (errfile names the file
 * that mentions it, line and col the \@input; for the top file errfile is
 * path with no position) or \@input nesting passes 64 levels. */
bool colo_aux_read(colo_aux *a, const char *path, colo_error *err);

/* Scans one .aux held in memory (no \@input is followed: `dir` NULL), or
 * with dir set, follows \@input relative to dir.  `name` is used in
 * errors.  Same errors as colo_aux_read. */
bool colo_aux_scan(colo_aux *a, const char *data, size_t len,
                   const char *name, const char *dir, colo_error *err);

#endif
