/* localdb.c - starts, finds and stops the database server Colophon runs for
 * the user when no URI is configured.
 *
 * Layout (DIR = ${XDG_DATA_HOME:-$HOME/.local/share}/colophon/server):
 *   DIR/lock        fcntl lock: one starter or stopper at a time
 *   DIR/server.pid  the server's pid
 *   DIR/server.uri  the URI it answers on
 *   DIR/server.bin  the binary it runs ("mongod ..." or "ferretdb ...")
 *   DIR/server.log  its stdout and stderr
 *   DIR/data/       FerretDB's SQLite files; DIR/mongod/ for mongod
 * The server listens on a Unix socket in DIR.  A Unix socket path must be
 * short (sun_path), so when DIR would make it 100 bytes or longer the socket
 * goes to ${XDG_RUNTIME_DIR:-/tmp}/colophon-<uid>/ (mode 0700, checked to be
 * ours) under a name derived from DIR, so two data directories never share
 * a socket.
 *
 * mongod (when on PATH) also needs a TCP port: it gets a free loopback port
 * (--bind_ip 127.0.0.1) and its socket is <sockdir>/mongodb-<port>.sock;
 * Colophon connects through the socket.
 *
 * No driver here: readiness is a plain connect() on the socket. */
#include "colophon/localdb.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

#define START_TIMEOUT_MS 20000
#define STOP_TIMEOUT_MS 10000
#define MAX_SOCKET_PATH 100
#define FERRETDB_CACHE "colophon/ferretdb-v1.24.2/ferretdb"

#define NO_SERVER_MESSAGE_TAIL                                                 \
	"install MongoDB (mongod) or run scripts/get-ferretdb.sh (needs Go >= " \
	"1.21), or set COLOPHON_DB to a MongoDB URI"
#define NO_SERVER_MESSAGE "no local database server: " NO_SERVER_MESSAGE_TAIL

typedef enum backend { BACKEND_NONE, BACKEND_MONGOD, BACKEND_FERRETDB } backend;

typedef struct server {
	char *dir;     /* DIR */
	backend kind;
	char *binary;  /* absolute path; NULL when none found */
	char *lock, *pidfile, *urifile, *binfile, *log;
} server;

static char *path_join(const char *a, const char *b)
{
	colo_buf p;

	colo_buf_init(&p, 0);
	colo_buf_printf(&p, "%s/%s", a, b);
	return colo_buf_steal(&p);
}

static bool is_executable(const char *path)
{
	struct stat st;

	return path && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

/* Full path of `name` on PATH, or NULL. */
static char *which(const char *name)
{
	const char *path = getenv("PATH");

	while (path && *path) {
		size_t len = strcspn(path, ":");
		colo_buf cand;

		colo_buf_init(&cand, 0);
		colo_buf_append(&cand, len ? path : ".", len ? len : 1);
		colo_buf_printf(&cand, "/%s", name);
		if (is_executable(colo_buf_cstr(&cand)))
			return colo_buf_steal(&cand);
		colo_buf_cleanup(&cand);
		path += len;
		if (*path == ':')
			path++;
	}
	return NULL;
}

static bool data_dir(char **out, colo_error *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	colo_buf p;

	*out = NULL;
	colo_buf_init(&p, 0);
	if (xdg && *xdg == '/') {
		colo_buf_printf(&p, "%s/colophon/server", xdg);
	} else if (home && *home) {
		colo_buf_printf(&p, "%s/.local/share/colophon/server", home);
	} else {
		colo_error_set(err, COLO_EDB,
		               "cannot place the local database: neither XDG_DATA_HOME "
		               "nor HOME is set");
		return false;
	}
	*out = colo_buf_steal(&p);
	return true;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether `path --version` exits 0 within 10 s.  A FerretDB built with a
 * plain `go install` panics at start (its version.txt is empty); such a
 * binary is passed over rather than started. */
static bool binary_runs(const char *path)
{
	long long deadline;
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return true; /* cannot tell: let the start itself report */
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);

		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		execl(path, path, "--version", (char *)NULL);
		_exit(127);
	}
	deadline = now_ms() + 10000;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_ms() >= deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return false;
		}
		sleep_ms(20);
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Picks the server binary (see localdb.h for the order).  With `probe`,
 * candidates whose --version fails are skipped and the first of them is
 * kept in *broken (caller frees) for the error message. */
static void find_binary(server *sv, bool probe, char **broken)
{
	const char *env = getenv("COLOPHON_FERRETDB");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *cands[4] = {NULL, NULL, NULL, NULL};
	backend kinds[4] = {BACKEND_MONGOD, BACKEND_FERRETDB, BACKEND_FERRETDB,
	                    BACKEND_FERRETDB};
	colo_buf c;

	cands[0] = which("mongod");
	if (env && *env && is_executable(env))
		cands[1] = colo_xstrdup(env);
	cands[2] = which("ferretdb");
	colo_buf_init(&c, 0);
	if (xdg && *xdg == '/')
		colo_buf_printf(&c, "%s/%s", xdg, FERRETDB_CACHE);
	else if (home && *home)
		colo_buf_printf(&c, "%s/.cache/%s", home, FERRETDB_CACHE);
	if (c.len && is_executable(colo_buf_cstr(&c)))
		cands[3] = colo_buf_steal(&c);
	colo_buf_cleanup(&c);

	sv->kind = BACKEND_NONE;
	for (int i = 0; i < 4; i++) {
		if (!cands[i] || sv->binary)
			continue;
		if (probe && !binary_runs(cands[i])) {
			if (broken && !*broken)
				*broken = colo_xstrdup(cands[i]);
			continue;
		}
		sv->kind = kinds[i];
		sv->binary = cands[i];
		cands[i] = NULL;
	}
	for (int i = 0; i < 4; i++)
		free(cands[i]);
}

static void server_cleanup(server *sv)
{
	free(sv->dir);
	free(sv->binary);
	free(sv->lock);
	free(sv->pidfile);
	free(sv->urifile);
	free(sv->binfile);
	free(sv->log);
	memset(sv, 0, sizeof *sv);
}

static bool server_init(server *sv, colo_error *err)
{
	memset(sv, 0, sizeof *sv);
	if (!data_dir(&sv->dir, err))
		return false;
	sv->lock = path_join(sv->dir, "lock");
	sv->pidfile = path_join(sv->dir, "server.pid");
	sv->urifile = path_join(sv->dir, "server.uri");
	sv->binfile = path_join(sv->dir, "server.bin");
	sv->log = path_join(sv->dir, "server.log");
	find_binary(sv, false, NULL);
	return true;
}

/* mkdir -p with mode 0700 for the parts it creates. */
static bool make_dirs(const char *path, colo_error *err)
{
	char *p = colo_xstrdup(path);
	bool ok = true;

	for (char *q = p + 1;; q++) {
		if (*q == '/' || *q == '\0') {
			char c = *q;

			*q = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				colo_error_set(err, COLO_EDB, "cannot create %s: %s", p,
				               strerror(errno));
				ok = false;
				break;
			}
			*q = c;
			if (!c)
				break;
		}
	}
	free(p);
	return ok;
}

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The directory the socket goes in (see the file comment). */
static bool socket_dir(const server *sv, const char *longest_name, char **out,
                       colo_error *err)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	colo_buf d;

	*out = NULL;
	if (strlen(sv->dir) + 1 + strlen(longest_name) < MAX_SOCKET_PATH) {
		*out = colo_xstrdup(sv->dir);
		return true;
	}
	colo_buf_init(&d, 0);
	colo_buf_printf(&d, "%s/colophon-%lu", run && *run == '/' ? run : "/tmp",
	                (unsigned long)getuid());
	if (mkdir(colo_buf_cstr(&d), 0700) != 0 && errno != EEXIST) {
		colo_error_set(err, COLO_EDB, "cannot create %s: %s", colo_buf_cstr(&d),
		               strerror(errno));
		colo_buf_cleanup(&d);
		return false;
	}
	/* In a shared /tmp, refuse a directory someone else made for us. */
	if (lstat(colo_buf_cstr(&d), &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != getuid() || (st.st_mode & 077)) {
		colo_error_set(err, COLO_EDB,
		               "%s is not a private directory of this user",
		               colo_buf_cstr(&d));
		colo_buf_cleanup(&d);
		return false;
	}
	if (d.len + 1 + strlen(longest_name) >= MAX_SOCKET_PATH) {
		colo_error_set(err, COLO_EDB, "socket directory %s is too long",
		               colo_buf_cstr(&d));
		colo_buf_cleanup(&d);
		return false;
	}
	*out = colo_buf_steal(&d);
	return true;
}

/* FerretDB's socket path. */
static bool ferretdb_socket(const server *sv, char **out, colo_error *err)
{
	char *dir = NULL;
	char name[32];
	colo_buf p;

	*out = NULL;
	if (!socket_dir(sv, "ferretdb.sock", &dir, err))
		return false;
	if (strcmp(dir, sv->dir) == 0)
		snprintf(name, sizeof name, "ferretdb.sock");
	else
		snprintf(name, sizeof name, "ferretdb-%08lx.sock",
		         (unsigned long)fnv1a(sv->dir));
	colo_buf_init(&p, 0);
	colo_buf_printf(&p, "%s/%s", dir, name);
	free(dir);
	*out = colo_buf_steal(&p);
	return true;
}

/* "mongodb://%2Fpath%2Fto%2Fx.sock" (no database: the store's default). */
static char *socket_uri(const char *sock)
{
	colo_buf u;

	colo_buf_init(&u, 0);
	colo_buf_puts(&u, "mongodb://");
	for (const unsigned char *p = (const unsigned char *)sock; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' ||
		    *p == '~')
			colo_buf_putc(&u, (char)*p);
		else
			colo_buf_printf(&u, "%%%02X", *p);
	}
	return colo_buf_steal(&u);
}

/* The socket path back out of a URI socket_uri made. */
static char *uri_socket(const char *uri)
{
	const char *p = uri;
	colo_buf s;

	if (strncmp(p, "mongodb://", 10) != 0)
		return NULL;
	p += 10;
	colo_buf_init(&s, 0);
	for (; *p && *p != '/' && *p != '?'; p++) {
		if (*p == '%' && p[1] && p[2]) {
			char hex[3] = {p[1], p[2], '\0'};

			colo_buf_putc(&s, (char)strtol(hex, NULL, 16));
			p += 2;
		} else {
			colo_buf_putc(&s, *p);
		}
	}
	return colo_buf_steal(&s);
}

static char *read_small_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return colo_xstrdup(buf);
}

/* Writes text to path through a temporary file and rename. */
static bool write_file_atomic(const char *path, const char *text, colo_error *err)
{
	colo_buf tmp;
	FILE *f;
	bool ok = false;

	colo_buf_init(&tmp, 0);
	colo_buf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	f = fopen(colo_buf_cstr(&tmp), "w");
	if (!f || fputs(text, f) == EOF || fputc('\n', f) == EOF) {
		colo_error_set(err, COLO_EDB, "cannot write %s: %s", path,
		               strerror(errno));
		if (f)
			fclose(f);
		goto done;
	}
	if (fclose(f) != 0 || rename(colo_buf_cstr(&tmp), path) != 0) {
		colo_error_set(err, COLO_EDB, "cannot write %s: %s", path,
		               strerror(errno));
		goto done;
	}
	ok = true;
done:
	if (!ok)
		unlink(colo_buf_cstr(&tmp));
	colo_buf_cleanup(&tmp);
	return ok;
}

static long parse_pid(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v <= 1 || v > 0x7fffffffL)
		return 0;
	return v;
}

/* Whether pid is alive and is our server: its command line names DIR
 * (FerretDB's --state-dir, mongod's --dbpath), which a recycled pid of
 * another program would not.  Without /proc, being alive has to do. */
static bool pid_is_server(const server *sv, long pid)
{
	char path[64];
	char buf[8192];
	FILE *f;
	size_t n;

	if (pid <= 1 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
		return false;
	snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
	f = fopen(path, "r");
	if (!f)
		return access("/proc/self", F_OK) != 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	if (n == 0)
		return false; /* a zombie: gone in all but name */
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
	return strstr(buf, sv->dir) != NULL;
}

/* The running server's pid, or 0 (stale pid files count as none). */
static long running_pid(const server *sv)
{
	char *text = read_small_file(sv->pidfile);
	long pid = parse_pid(text);

	free(text);
	return pid && pid_is_server(sv, pid) ? pid : 0;
}

static bool socket_answers(const char *path)
{
	struct sockaddr_un addr;
	int fd;
	bool ok;

	if (strlen(path) >= sizeof addr.sun_path)
		return false;
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return false;
	memset(&addr, 0, sizeof addr);
	addr.sun_family = AF_UNIX;
	memcpy(addr.sun_path, path, strlen(path) + 1);
	ok = connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0;
	close(fd);
	return ok;
}

/* Takes the exclusive lock on DIR/lock; returns the fd or -1. */
static int lock_dir(const server *sv, colo_error *err)
{
	struct flock fl;
	int fd = open(sv->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		colo_error_set(err, COLO_EDB, "cannot open %s: %s", sv->lock,
		               strerror(errno));
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) != 0) {
		if (errno == EINTR)
			continue;
		colo_error_set(err, COLO_EDB, "cannot lock %s: %s", sv->lock,
		               strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void unlock_dir(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the lock */
}

/* The last non-empty line the log got past byte `from`, at most ~200
 * bytes ("" when none); caller frees. */
static char *log_tail(const char *path, long from_offset)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n = 0;
	long size;
	char *end, *start;

	if (!f)
		return colo_xstrdup("");
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0) {
		long from = size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0;

		if (from < from_offset)
			from = from_offset;

		if (fseek(f, from, SEEK_SET) == 0)
			n = fread(buf, 1, sizeof buf - 1, f);
	}
	fclose(f);
	buf[n] = '\0';
	end = buf + n;
	while (end > buf && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
		*--end = '\0';
	start = end;
	while (start > buf && start[-1] != '\n')
		start--;
	if (end - start > 200)
		start = end - 200;
	return colo_xstrdup(start);
}

/* A free loopback TCP port for mongod, or 0. */
static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;

	if (fd < 0)
		return 0;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* argv for the server; *sock the socket path it will listen on. */
typedef struct launch {
	char *args[16];
	int nargs;
	char *sock;
} launch;

/* Appends the argument prefix + value (+ suffix). */
static void launch_add(launch *l, const char *prefix, const char *value,
                       const char *suffix)
{
	colo_buf b;

	colo_buf_init(&b, 0);
	colo_buf_puts(&b, prefix);
	colo_buf_puts(&b, value);
	colo_buf_puts(&b, suffix);
	l->args[l->nargs++] = colo_buf_steal(&b);
}

static void launch_cleanup(launch *l)
{
	for (int i = 0; i < l->nargs; i++)
		free(l->args[i]);
	free(l->sock);
	memset(l, 0, sizeof *l);
}

static bool plan_launch(const server *sv, launch *l, colo_error *err)
{
	memset(l, 0, sizeof *l);
	launch_add(l, "", sv->binary, "");
	if (sv->kind == BACKEND_FERRETDB) {
		char *data = path_join(sv->dir, "data");
		bool ok = make_dirs(data, err) && ferretdb_socket(sv, &l->sock, err);

		if (ok) {
			launch_add(l, "--handler=", "sqlite", "");
			launch_add(l, "--sqlite-url=file:", data, "/");
			launch_add(l, "--listen-addr=", "", "");
			launch_add(l, "--listen-unix=", l->sock, "");
			launch_add(l, "--debug-addr=", "", "");
			launch_add(l, "--telemetry=", "disable", "");
			launch_add(l, "--state-dir=", sv->dir, "");
			launch_add(l, "--log-level=", "error", "");
		}
		free(data);
		return ok;
	} else {
		char *data = path_join(sv->dir, "mongod");
		char *sockdir = NULL, port[16];
		int p = free_port();
		bool ok = p > 0 && make_dirs(data, err) &&
		          socket_dir(sv, "mongodb-65535.sock", &sockdir, err);

		if (p <= 0 && err && !err->code)
			colo_error_set(err, COLO_EDB, "no free loopback port for mongod");
		if (ok) {
			colo_buf s;

			snprintf(port, sizeof port, "%d", p);
			colo_buf_init(&s, 0);
			colo_buf_printf(&s, "%s/mongodb-%d.sock", sockdir, p);
			l->sock = colo_buf_steal(&s);
			launch_add(l, "--dbpath=", data, "");
			launch_add(l, "--bind_ip=", "127.0.0.1", "");
			launch_add(l, "--port=", port, "");
			launch_add(l, "--unixSocketPrefix=", sockdir, "");
			launch_add(l, "--filePermissions=", "0700", "");
		}
		free(sockdir);
		free(data);
		return ok;
	}
}

/* fork, setsid, exec with stdout and stderr to the log. */
static pid_t spawn(const server *sv, launch *l, colo_error *err)
{
	int logfd = open(sv->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	pid_t pid;

	if (logfd < 0) {
		colo_error_set(err, COLO_EDB, "cannot open %s: %s", sv->log,
		               strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		colo_error_set(err, COLO_EDB, "cannot start %s: %s", sv->binary,
		               strerror(errno));
		close(logfd);
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		setsid();
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(logfd, 1);
		dup2(logfd, 2);
		if (chdir(sv->dir) != 0)
			_exit(126);
		execv(l->args[0], l->args);
		dprintf(2, "colophon: cannot run %s: %s\n", l->args[0], strerror(errno));
		_exit(127);
	}
	close(logfd);
	return pid;
}

static long log_size(const server *sv)
{
	struct stat st;

	return stat(sv->log, &st) == 0 ? (long)st.st_size : 0;
}

static void server_failed(const server *sv, long log_from, const char *what,
                          colo_error *err)
{
	char *tail = log_tail(sv->log, log_from);

	colo_error_set(err, COLO_EDB, "local database server %s%s%s (see %s)", what,
	               *tail ? ": " : "", tail, sv->log);
	free(tail);
}

void colo_localdb_status_cleanup(colo_localdb_status *st)
{
	if (!st)
		return;
	free(st->backend);
	free(st->binary);
	free(st->dir);
	free(st->uri);
	memset(st, 0, sizeof *st);
}

static const char *backend_name(backend k)
{
	return k == BACKEND_MONGOD ? "mongod" : k == BACKEND_FERRETDB ? "ferretdb" : NULL;
}

bool colo_localdb_status_get(colo_localdb_status *st, colo_error *err)
{
	server sv;
	long pid;

	memset(st, 0, sizeof *st);
	if (!server_init(&sv, err))
		return false;
	pid = running_pid(&sv);
	st->running = pid > 0;
	st->pid = (int)pid;
	if (pid)
		st->binary = read_small_file(sv.binfile);
	if (st->binary) {
		/* What runs, as the start recorded it: "<backend> <path>". */
		char *sp = strchr(st->binary, ' ');

		if (sp) {
			*sp = '\0';
			st->backend = colo_xstrdup(st->binary);
			memmove(st->binary, sp + 1, strlen(sp + 1) + 1);
		}
	} else {
		free(sv.binary);
		sv.binary = NULL;
		find_binary(&sv, true, NULL);
		st->binary = colo_xstrdup(sv.binary);
	}
	if (!st->backend)
		st->backend = colo_xstrdup(backend_name(sv.kind));
	st->dir = colo_xstrdup(sv.dir);
	st->uri = read_small_file(sv.urifile);
	if (!st->uri && sv.kind == BACKEND_FERRETDB) {
		char *sock = NULL;

		if (ferretdb_socket(&sv, &sock, NULL))
			st->uri = socket_uri(sock);
		free(sock);
	}
	server_cleanup(&sv);
	return true;
}

bool colo_localdb_start(char **uri_out, colo_error *err)
{
	server sv;
	launch l;
	int lockfd = -1;
	long pid;
	pid_t child = -1;
	char *uri = NULL, *sock = NULL, pidtext[32];
	long long deadline;
	long log_from = 0;
	char *broken = NULL;
	bool ok = false;

	if (uri_out)
		*uri_out = NULL;
	memset(&l, 0, sizeof l);
	if (!server_init(&sv, err))
		return false;
	if (!make_dirs(sv.dir, err) || (lockfd = lock_dir(&sv, err)) < 0)
		goto done;

	pid = running_pid(&sv);
	if (pid) {
		/* Running (or another starter's server still coming up). */
		uri = read_small_file(sv.urifile);
		sock = uri ? uri_socket(uri) : NULL;
		deadline = now_ms() + START_TIMEOUT_MS;
		while (sock && !socket_answers(sock) && now_ms() < deadline &&
		       pid_is_server(&sv, pid))
			sleep_ms(100);
		if (sock && socket_answers(sock)) {
			ok = true;
			goto done;
		}
		if (pid_is_server(&sv, pid)) {
			server_failed(&sv, 0, "runs but does not answer", err);
			goto done;
		}
		free(uri);
		free(sock);
		uri = sock = NULL;
	}

	free(sv.binary);
	sv.binary = NULL;
	find_binary(&sv, true, &broken);
	if (sv.kind == BACKEND_NONE && broken) {
		colo_error_set(err, COLO_EDB,
		               "local database server %s does not run ('%s --version' "
		               "fails); " NO_SERVER_MESSAGE_TAIL,
		               broken, broken);
		goto done;
	}
	if (sv.kind == BACKEND_NONE) {
		colo_error_set(err, COLO_EDB, NO_SERVER_MESSAGE);
		goto done;
	}
	unlink(sv.pidfile);
	unlink(sv.urifile);
	unlink(sv.binfile);
	if (!plan_launch(&sv, &l, err))
		goto done;
	unlink(l.sock); /* stale socket of a server that died */
	uri = socket_uri(l.sock);

	log_from = log_size(&sv);
	child = spawn(&sv, &l, err);
	if (child < 0)
		goto done;
	snprintf(pidtext, sizeof pidtext, "%ld", (long)child);
	{
		colo_buf bin;
		bool written;

		colo_buf_init(&bin, 0);
		colo_buf_printf(&bin, "%s %s", backend_name(sv.kind), sv.binary);
		written = write_file_atomic(sv.pidfile, pidtext, err) &&
		          write_file_atomic(sv.urifile, uri, err) &&
		          write_file_atomic(sv.binfile, colo_buf_cstr(&bin), err);
		colo_buf_cleanup(&bin);
		if (!written)
			goto kill_child;
	}

	deadline = now_ms() + START_TIMEOUT_MS;
	for (;;) {
		int status;

		if (socket_answers(l.sock))
			break;
		if (waitpid(child, &status, WNOHANG) == child) {
			char what[64];

			child = -1;
			if (WIFEXITED(status))
				snprintf(what, sizeof what, "exited at start with status %d",
				         WEXITSTATUS(status));
			else
				snprintf(what, sizeof what, "was killed at start by signal %d",
				         WIFSIGNALED(status) ? WTERMSIG(status) : 0);
			server_failed(&sv, log_from, what, err);
			goto cleanup_files;
		}
		if (now_ms() >= deadline) {
			server_failed(&sv, log_from, "did not answer within 20 s", err);
			goto kill_child;
		}
		sleep_ms(100);
	}
	ok = true;
	goto done;

kill_child:
	/* The child leads its own session: end whatever it started too. */
	if (kill(-child, SIGKILL) != 0)
		kill(child, SIGKILL);
	waitpid(child, NULL, 0);
cleanup_files:
	unlink(sv.pidfile);
	unlink(sv.urifile);
	unlink(sv.binfile);
done:
	if (ok && uri_out) {
		*uri_out = uri;
		uri = NULL;
	}
	free(broken);
	free(uri);
	free(sock);
	launch_cleanup(&l);
	unlock_dir(lockfd);
	server_cleanup(&sv);
	return ok;
}

bool colo_localdb_stop(bool *was_running, colo_error *err)
{
	server sv;
	int lockfd = -1;
	long pid;
	long long deadline;
	char *uri = NULL, *sock = NULL;
	bool ok = false;

	if (was_running)
		*was_running = false;
	if (!server_init(&sv, err))
		return false;
	if (access(sv.dir, F_OK) != 0) {
		ok = true; /* never started */
		goto done;
	}
	if ((lockfd = lock_dir(&sv, err)) < 0)
		goto done;
	pid = running_pid(&sv);
	if (pid) {
		if (was_running)
			*was_running = true;
		kill((pid_t)pid, SIGTERM);
		deadline = now_ms() + STOP_TIMEOUT_MS;
		/* The server may be our own child (started by this process):
		 * reap it so it does not linger as a zombie. */
		while (waitpid((pid_t)pid, NULL, WNOHANG) != (pid_t)pid &&
		       pid_is_server(&sv, pid)) {
			if (now_ms() >= deadline) {
				kill((pid_t)pid, SIGKILL);
				sleep_ms(200);
				waitpid((pid_t)pid, NULL, WNOHANG);
				break;
			}
			sleep_ms(100);
		}
		if (pid_is_server(&sv, pid)) {
			colo_error_set(err, COLO_EDB,
			               "local database server (pid %ld) did not stop", pid);
			goto done;
		}
	}
	uri = read_small_file(sv.urifile);
	sock = uri ? uri_socket(uri) : NULL;
	if (sock && !socket_answers(sock))
		unlink(sock);
	unlink(sv.pidfile);
	unlink(sv.urifile);
	unlink(sv.binfile);
	ok = true;
done:
	free(uri);
	free(sock);
	unlock_dir(lockfd);
	server_cleanup(&sv);
	return ok;
}
