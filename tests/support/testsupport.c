/* testsupport.c - see testsupport.h. */
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>

#include "colophon/buf.h"
#include "colophon/http.h"
#include "colophon/store.h"
#include "colophon/mem.h"

char *colo_test_read_file(const char *path, size_t *len)
{
	return colo_read_file(path, len);
}

char *colo_test_dbname(const char *tag)
{
	static unsigned counter;
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "colophon_test_%s_%ld_%u", tag, (long)getpid(),
	                counter++);
	return colo_buf_steal(&b);
}

char *colo_test_uri(const char *dbname)
{
	const char *file = getenv("COLOPHON_TEST_URI_FILE");
	char *base;
	size_t len;
	colo_buf b;

	if (!file)
		return NULL;
	base = colo_test_read_file(file, &len);
	if (!base)
		return NULL;
	while (len && (base[len - 1] == '\n' || base[len - 1] == '/' ||
	               base[len - 1] == ' '))
		base[--len] = '\0';
	colo_buf_init(&b, 0);
	colo_buf_printf(&b, "%s/%s", base, dbname);
	free(base);
	return colo_buf_steal(&b);
}

const char *colo_test_tmpdir(void)
{
	const char *t = getenv("COLOPHON_TEST_TMP");

	return t && *t ? t : "/tmp";
}

int colo_test_db_setup(void **state, const char *tag)
{
	colo_test_db *f = colo_xcalloc(1, sizeof *f);
	colo_error err;

	colo_error_clear(&err);
	f->dbname = colo_test_dbname(tag);
	f->uri = colo_test_uri(f->dbname);
	if (!f->uri || !colo_store_open(f->uri, &f->store, &err)) {
		print_error("cannot open the test database (COLOPHON_TEST_URI_FILE=%s): %s\n",
		            getenv("COLOPHON_TEST_URI_FILE") ? getenv("COLOPHON_TEST_URI_FILE") : "unset",
		            err.message);
		free(f->uri);
		free(f->dbname);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

int colo_test_db_teardown(void **state)
{
	colo_test_db *f = *state;
	colo_error err;

	if (!f)
		return 0;
	if (f->store && !colo_store_drop(f->store, &err))
		print_error("cannot drop %s: %s\n", f->dbname, err.message);
	colo_store_destroy(f->store);
	free(f->uri);
	free(f->dbname);
	free(f);
	return 0;
}

void colo_test_write_in(const char *dir, const char *name, const char *data,
                        size_t len)
{
	colo_buf path;
	FILE *f;

	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/%s", dir, name);
	f = fopen(colo_buf_cstr(&path), "wb");
	if (!f)
		fail_msg("cannot write %s", colo_buf_cstr(&path));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	colo_buf_cleanup(&path);
}

char *colo_test_read_in(const char *dir, const char *name)
{
	colo_buf path;
	char *s;

	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/%s", dir, name);
	s = colo_test_read_file(colo_buf_cstr(&path), NULL);
	if (!s)
		fail_msg("%s was not written", colo_buf_cstr(&path));
	colo_buf_cleanup(&path);
	return s;
}

char *colo_test_fixture(const char *service, const char *name, size_t *len)
{
	const char *src = getenv("COLOPHON_SOURCE_DIR");
	colo_buf path;
	char *data;

	colo_buf_init(&path, 0);
	colo_buf_printf(&path, "%s/tests/fixtures/http/%s/%s", src ? src : ".",
	                service, name);
	data = colo_test_read_file(colo_buf_cstr(&path), len);
	if (!data)
		fail_msg("cannot read %s", colo_buf_cstr(&path));
	colo_buf_cleanup(&path);
	return data;
}

int colo_test_httpd_start(const char *page, char *base, size_t base_len)
{
	const char *src = getenv("COLOPHON_SOURCE_DIR");
	static int serial;
	char script[4096], portfile[4096];
	char *port = NULL;
	size_t n;
	pid_t pid;

	if (!src) {
		print_error("COLOPHON_SOURCE_DIR is not set\n");
		return -1;
	}
	snprintf(script, sizeof script, "%s/tests/support/httpd.py", src);
	snprintf(portfile, sizeof portfile, "%s/httpd-%ld-%d.port",
	         colo_test_tmpdir(), (long)getpid(), serial++);
	unlink(portfile);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execlp("python3", "python3", script, portfile, page, (char *)NULL);
		_exit(127);
	}
	/* up to 10 s for the server to write its port */
	for (int i = 0; i < 200 && !port; i++) {
		port = colo_test_read_file(portfile, &n);
		if (!port) {
			struct timespec ts = {0, 50 * 1000000L};

			nanosleep(&ts, NULL);
		}
	}
	unlink(portfile);
	if (!port) {
		print_error("httpd.py did not start\n");
		colo_test_httpd_stop(pid);
		return -1;
	}
	port[strcspn(port, "\n")] = '\0';
	snprintf(base, base_len, "http://127.0.0.1:%s", port);
	free(port);
	return (int)pid;
}

void colo_test_httpd_stop(int pid)
{
	if (pid > 0) {
		kill((pid_t)pid, SIGTERM);
		waitpid((pid_t)pid, NULL, 0);
	}
}

/* The number after "key": in a /_stats answer. */
static long stats_field(const char *body, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof pat, "\"%s\": ", key);
	p = strstr(body, pat);
	if (!p)
		fail_msg("no %s in the fixture server's /_stats: %s", key, body);
	return strtol(p + strlen(pat), NULL, 10);
}

colo_test_httpd_counts colo_test_httpd_stats(const char *base,
                                             const char *prefix)
{
	colo_test_httpd_counts c;
	colo_buf url, body;
	colo_error err;

	colo_buf_init(&url, 0);
	colo_buf_printf(&url, "%s/_stats?prefix=%s", base, prefix);
	colo_buf_init(&body, 0);
	colo_error_clear(&err);
	if (!colo_http_get(colo_buf_cstr(&url), NULL, &body, NULL, &err))
		fail_msg("%s: %s", colo_buf_cstr(&url), err.message);
	c.requests = stats_field(colo_buf_cstr(&body), "requests");
	c.connections = stats_field(colo_buf_cstr(&body), "connections");
	c.not_modified = stats_field(colo_buf_cstr(&body), "not_modified");
	colo_buf_cleanup(&body);
	colo_buf_cleanup(&url);
	return c;
}
