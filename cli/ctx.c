/* ctx.c - the command context: opening the store on demand, reporting
 * errors with the right exit code, reading input and writing files. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "colophon/fetch.h"
#include "colophon/localdb.h"
#include "colophon/mem.h"
#include "colophon/text.h"

void colo_ctx_init(colo_ctx *ctx, FILE *out, FILE *err)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->out = out;
	ctx->err = err;
}

void colo_ctx_cleanup(colo_ctx *ctx)
{
	colo_fetch_destroy(ctx->fetch); /* first: it borrows the store */
	ctx->fetch = NULL;
	colo_store_destroy(ctx->store);
	ctx->store = NULL;
	free(ctx->uri);
	ctx->uri = NULL;
}

int colo_exit_code(int code)
{
	switch (code) {
	case COLO_OK: return COLO_EXIT_OK;
	case COLO_EUSAGE: return COLO_EXIT_USAGE;
	case COLO_EINPUT: return COLO_EXIT_INPUT;
	case COLO_EDB: return COLO_EXIT_DB;
	case COLO_ENET: return COLO_EXIT_NET;
	case COLO_ENOTFOUND: return COLO_EXIT_NOTFOUND;
	default: return COLO_EXIT_FAIL;
	}
}

int colo_ctx_fail(colo_ctx *ctx, const colo_error *err, const char *file)
{
	char line[1024];

	colo_error_format(err, file, line, sizeof line);
	fprintf(ctx->err, "colophon: %s\n", line);
	return colo_exit_code(err->code ? err->code : COLO_EFAIL);
}

int colo_ctx_errorf(colo_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	fputs("colophon: ", ctx->err);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->err);
	return code;
}

colo_store *colo_ctx_store(colo_ctx *ctx)
{
	colo_error err;
	const char *uri = ctx->db_uri;

	if (ctx->store)
		return ctx->store;
	colo_error_clear(&err);
	if (!uri || !*uri)
		uri = getenv("COLOPHON_DB");
	if (uri && *uri) {
		ctx->uri = colo_xstrdup(uri);
	} else {
		if (!colo_localdb_start(&ctx->uri, &err)) {
			colo_ctx_fail(ctx, &err, NULL);
			return NULL;
		}
		ctx->local = true;
	}
	if (!colo_store_open(ctx->uri, &ctx->store, &err)) {
		colo_ctx_fail(ctx, &err, NULL);
		return NULL;
	}
	return ctx->store;
}

bool colo_read_input(const char *path, size_t max, colo_buf *out,
                     colo_error *err)
{
	FILE *f = NULL;
	bool ok = false;
	struct stat st;

	out->max = max;

	if (strcmp(path, "-") == 0) {
		f = stdin;
	} else {
		f = fopen(path, "rb");
		if (!f) {
			colo_error_set(err, COLO_EINPUT, "cannot open: %s",
			               strerror(errno));
			return false;
		}
		if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
			colo_error_set(err, COLO_EINPUT, "is a directory");
			goto done;
		}
	}
	switch (colo_buf_read(out, f)) {
	case COLO_READ_OK:
		ok = true;
		break;
	case COLO_READ_TOO_BIG:
		colo_error_set(err, COLO_EINPUT, "input larger than %zu bytes", max);
		break;
	case COLO_READ_ERROR:
		colo_error_set(err, COLO_EINPUT, "read error: %s", strerror(errno));
		break;
	}
done:
	if (f && f != stdin)
		fclose(f);
	return ok;
}

bool colo_check_text(const char *data, size_t len, colo_error *err)
{
	size_t tl;
	size_t probe = len < 8192 ? len : 8192;
	unsigned line = 1, col = 1;

	colo_text_trim(data, len, &tl);
	if (tl == 0) {
		colo_error_set(err, COLO_EINPUT, "empty input");
		return false;
	}
	/* A NUL byte near the start means binary data, not damaged text. */
	for (size_t i = 0; i < probe; i++) {
		if (data[i] == '\0') {
			colo_error_set_at(err, COLO_EINPUT, line, col,
			                  "binary data, not text (NUL byte)");
			return false;
		}
		if (data[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	return colo_text_validate(data, len, err);
}

bool colo_write_atomic(const char *path, const char *data, size_t len,
                       colo_error *err)
{
	colo_buf tmp;
	int fd = -1;
	bool ok = false;
	size_t off = 0;

	colo_buf_init(&tmp, 0);
	colo_buf_printf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		colo_error_set(err, COLO_EFAIL, "%s: cannot create a temporary file: %s",
		               path, strerror(errno));
		goto done;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			colo_error_set(err, COLO_EFAIL, "%s: write failed: %s", path,
			               strerror(errno));
			goto done;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || fchmod(fd, 0644) != 0) {
		colo_error_set(err, COLO_EFAIL, "%s: cannot flush: %s", path,
		               strerror(errno));
		goto done;
	}
	if (close(fd) != 0) {
		fd = -1;
		colo_error_set(err, COLO_EFAIL, "%s: close failed: %s", path,
		               strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0) {
		colo_error_set(err, COLO_EFAIL, "%s: cannot replace: %s", path,
		               strerror(errno));
		goto done;
	}
	ok = true;
done:
	if (fd >= 0)
		close(fd);
	if (!ok && tmp.data)
		unlink(tmp.data);
	colo_buf_cleanup(&tmp);
	return ok;
}

bool colo_emit(colo_ctx *ctx, const colo_buf *buf)
{
	if (buf->len && fwrite(buf->data, 1, buf->len, ctx->out) != buf->len) {
		fprintf(ctx->err, "colophon: cannot write output: %s\n",
		        strerror(errno));
		return false;
	}
	if (fflush(ctx->out) != 0) {
		fprintf(ctx->err, "colophon: cannot write output: %s\n",
		        strerror(errno));
		return false;
	}
	return true;
}
