/* aux.c - citation keys from LaTeX .aux files.
 *
 * LaTeX records every \cite as \citation{key,...} (BibTeX) or, with
 * biblatex, \abx@aux@cite{key} (older releases) or
 * \abx@aux@cite{refsection}{key} (3.x).  \include'd files get their own
 * .aux, named by \@input{chapter.aux} in the main one (paths relative to
 * the directory LaTeX ran in: the main .aux's).  This file scans
 * for those three commands only: it is not a TeX parser, and it never
 * expands anything.  A file is read once however often it is \@input, so a
 * cycle ends.
 *
 * Not here: looking keys up (the store) or reporting missing ones (cli/). */
#include "colophon/aux.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

/* Real .aux files are kilobytes; this only stops a wrong path (a video,
 * /dev/zero) from eating memory. */
#define MAX_AUX_BYTES (64u * 1024 * 1024)
#define MAX_DEPTH 64
#define MAX_GROUP 65536

void colo_aux_init(colo_aux *a)
{
	memset(a, 0, sizeof *a);
}

void colo_aux_cleanup(colo_aux *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nkeys; i++)
		free(a->keys[i]);
	free(a->keys);
	for (size_t i = 0; i < a->nseen; i++)
		free(a->seen[i]);
	free(a->seen);
	free(a->errfile);
	memset(a, 0, sizeof *a);
}

static void add_key(colo_aux *a, const char *k, size_t len)
{
	while (len && strchr(" \t\r\n", *k)) {
		k++;
		len--;
	}
	while (len && strchr(" \t\r\n", k[len - 1]))
		len--;
	if (len == 0)
		return;
	if (len == 1 && *k == '*') {
		a->all = true;
		return;
	}
	for (size_t i = 0; i < a->nkeys; i++)
		if (strlen(a->keys[i]) == len && memcmp(a->keys[i], k, len) == 0)
			return;
	colo_grow((void **)&a->keys, &a->capkeys, a->nkeys + 1, sizeof *a->keys);
	a->keys[a->nkeys++] = colo_xstrndup(k, len);
}

/* Splits a \citation argument at commas. */
static void add_list(colo_aux *a, const char *s, size_t len)
{
	size_t b = 0;

	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == ',') {
			add_key(a, s + b, i - b);
			b = i + 1;
		}
}

/* The extent of the brace group starting at *p (which must be '{'):
 * sets *inner and *inner_len and returns the position after the closing
 * brace; NULL when unbalanced or longer than MAX_GROUP. */
static const char *group(const char *p, const char *end, const char **inner,
                         size_t *inner_len)
{
	int depth = 0;
	const char *b;

	if (p >= end || *p != '{')
		return NULL;
	b = p + 1;
	for (; p < end && p - b < MAX_GROUP; p++) {
		if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (--depth == 0) {
				*inner = b;
				*inner_len = (size_t)(p - b);
				return p + 1;
			}
		} else if (*p == '\n' && p + 1 < end && p[1] == '\n') {
			return NULL; /* a paragraph break ends any argument */
		}
	}
	return NULL;
}

static bool starts(const char *p, const char *end, const char *lit,
                   size_t *n)
{
	*n = strlen(lit);
	return (size_t)(end - p) >= *n && memcmp(p, lit, *n) == 0;
}

static char *join_path(const char *dir, const char *name, size_t len)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	if (dir && *dir && strcmp(dir, ".") != 0 && name[0] != '/')
		colo_buf_printf(&b, "%s/", dir);
	colo_buf_append(&b, name, len);
	return colo_buf_steal(&b);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return colo_xstrdup(".");
	if (slash == path)
		return colo_xstrdup("/");
	return colo_xstrndup(path, (size_t)(slash - path));
}

static bool read_file(colo_aux *a, const char *path, const char *topdir,
                      const char *from, unsigned line, unsigned col, int depth,
                      colo_error *err);

static bool scan(colo_aux *a, const char *data, size_t len, const char *name,
                 const char *dir, int depth, colo_error *err)
{
	const char *p = data, *end = data + len, *bol = data;
	unsigned line = 1;

	while (p < end) {
		const char *inner, *next;
		size_t il, n;

		if (*p == '\n') {
			line++;
			bol = ++p;
			continue;
		}
		if (*p != '\\') {
			p++;
			continue;
		}
		if (starts(p, end, "\\citation", &n) &&
		    (next = group(p + n, end, &inner, &il))) {
			add_list(a, inner, il);
			p = next;
		} else if (starts(p, end, "\\abx@aux@cite", &n) &&
		           (next = group(p + n, end, &inner, &il))) {
			const char *second, *n2;
			size_t l2;

			/* 3.x: {refsection}{key}; older: {key} */
			if ((n2 = group(next, end, &second, &l2))) {
				add_key(a, second, l2);
				next = n2;
			} else {
				add_key(a, inner, il);
			}
			p = next;
		} else if (starts(p, end, "\\@input", &n) &&
		           (next = group(p + n, end, &inner, &il))) {
			unsigned col = (unsigned)(p - bol) + 1;
			char *path;
			bool ok;

			if (!dir) { /* in-memory scan: nothing to follow */
				p = next;
				continue;
			}
			if (depth >= MAX_DEPTH) {
				colo_set_str(&a->errfile, name);
				colo_error_set_at(err, COLO_EINPUT, line, col,
				                  "\\@input nested more than %d deep",
				                  MAX_DEPTH);
				return false;
			}
			path = join_path(dir, inner, il);
			ok = read_file(a, path, dir, name, line, col, depth + 1, err);
			free(path);
			if (!ok)
				return false;
			p = next;
		} else {
			p++;
		}
	}
	return true;
}

/* Reads path (named in file `from` at line:col; from NULL for the top
 * file) unless it was read already.  \@input paths are relative to the
 * directory LaTeX ran in, which is the top file's (topdir; NULL for the
 * top file itself). */
static bool read_file(colo_aux *a, const char *path, const char *topdir,
                      const char *from, unsigned line, unsigned col, int depth,
                      colo_error *err)
{
	char id[64];
	struct stat st;
	FILE *f = NULL;
	colo_buf data;
	colo_read r;
	char *dir = NULL;
	bool ok = false;

	colo_buf_init(&data, MAX_AUX_BYTES);
	/* A file is known by device and inode, so "a.aux", "./a.aux" and a
	 * symlink to it are one file. */
	f = fopen(path, "rb");
	if (f && fstat(fileno(f), &st) == 0) {
		snprintf(id, sizeof id, "%llu:%llu", (unsigned long long)st.st_dev,
		         (unsigned long long)st.st_ino);
		for (size_t i = 0; i < a->nseen; i++)
			if (strcmp(a->seen[i], id) == 0) {
				ok = true; /* read already: a cycle or a repeat */
				goto done;
			}
	} else if (f) {
		fclose(f);
		f = NULL;
	}
	if (!f) {
		int e = errno;

		colo_set_str(&a->errfile, from ? from : path);
		if (from)
			colo_error_set_at(err, COLO_EINPUT, line, col,
			                  "cannot read '%s': %s", path, strerror(e));
		else
			colo_error_set(err, COLO_EINPUT, "cannot read '%s': %s", path,
			               strerror(e));
		goto done;
	}
	colo_grow((void **)&a->seen, &a->capseen, a->nseen + 1, sizeof *a->seen);
	a->seen[a->nseen++] = colo_xstrdup(id);
	r = colo_buf_read(&data, f);
	if (r == COLO_READ_TOO_BIG) {
		colo_set_str(&a->errfile, path);
		colo_error_set(err, COLO_EINPUT,
		               "'%s' is larger than %u bytes: not an .aux file", path,
		               MAX_AUX_BYTES);
		goto done;
	}
	if (r == COLO_READ_ERROR) {
		colo_set_str(&a->errfile, from ? from : path);
		colo_error_set_at(err, COLO_EINPUT, from ? line : 0, from ? col : 0,
		                  "cannot read '%s'", path);
		goto done;
	}
	a->nfiles++;
	dir = topdir ? colo_xstrdup(topdir) : dir_of(path);
	ok = scan(a, colo_buf_cstr(&data), data.len, path, dir, depth, err);
done:
	free(dir);
	if (f)
		fclose(f);
	colo_buf_cleanup(&data);
	return ok;
}

bool colo_aux_read(colo_aux *a, const char *path, colo_error *err)
{
	return read_file(a, path, NULL, NULL, 0, 0, 0, err);
}

bool colo_aux_scan(colo_aux *a, const char *data, size_t len,
                   const char *name, const char *dir, colo_error *err)
{
	return scan(a, data, len, name ? name : "-", dir, 0, err);
}
