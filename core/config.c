/* config.c - reading the configuration file and the environment (see
 * config.h).  A deliberately small format: `key = value` lines, comments,
 * no sections, no includes, no escapes.  Unknown keys are errors rather
 * than warnings so that a typo ("mail_to") is noticed, not ignored. */
#include "colophon/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "colophon/buf.h"
#include "colophon/mem.h"

#define MAX_CONFIG_BYTES ((size_t)1 << 20)

void colo_config_init(colo_config *c)
{
	memset(c, 0, sizeof *c);
	c->min_interval_ms = -1;
	c->cache_ttl_s = -1;
	c->max_retries = -1;
	c->max_backoff_ms = -1;
}

void colo_config_cleanup(colo_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->mailto);
	free(c->doi_url);
	free(c->crossref_url);
	free(c->openlibrary_url);
	free(c->orcid_url);
	free(c->openalex_url);
	colo_config_init(c);
}

/* ---- values ------------------------------------------------------------ */

typedef enum { V_MAILTO, V_URL, V_MS, V_TTL, V_COUNT } vkind;

typedef struct key {
	const char *name;
	const char *env;
	vkind kind;
	size_t off; /* offset of the field in colo_config */
} key;

static const key keys[] = {
	{"mailto", "COLOPHON_MAILTO", V_MAILTO, offsetof(colo_config, mailto)},
	{"doi_url", "COLOPHON_DOI_URL", V_URL, offsetof(colo_config, doi_url)},
	{"crossref_url", "COLOPHON_CROSSREF_URL", V_URL,
	 offsetof(colo_config, crossref_url)},
	{"openlibrary_url", "COLOPHON_OPENLIBRARY_URL", V_URL,
	 offsetof(colo_config, openlibrary_url)},
	{"orcid_url", "COLOPHON_ORCID_URL", V_URL, offsetof(colo_config, orcid_url)},
	{"openalex_url", "COLOPHON_OPENALEX_URL", V_URL,
	 offsetof(colo_config, openalex_url)},
	{"min_interval_ms", "COLOPHON_MIN_INTERVAL_MS", V_MS,
	 offsetof(colo_config, min_interval_ms)},
	{"cache_ttl", "COLOPHON_CACHE_TTL", V_TTL, offsetof(colo_config, cache_ttl_s)},
	{"max_retries", "COLOPHON_MAX_RETRIES", V_COUNT,
	 offsetof(colo_config, max_retries)},
	{"max_backoff_ms", "COLOPHON_MAX_BACKOFF_MS", V_MS,
	 offsetof(colo_config, max_backoff_ms)},
};

static bool parse_long(const char *s, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > max)
		return false;
	*out = v;
	return true;
}

bool colo_config_parse_duration(const char *s, long *out_s)
{
	char num[32];
	size_t n = s ? strlen(s) : 0;
	long mult = 1, v;

	if (!n || n >= sizeof num)
		return false;
	memcpy(num, s, n + 1);
	switch (num[n - 1]) {
	case 's': mult = 1; num[--n] = '\0'; break;
	case 'm': mult = 60; num[--n] = '\0'; break;
	case 'h': mult = 3600; num[--n] = '\0'; break;
	case 'd': mult = 86400; num[--n] = '\0'; break;
	default: break;
	}
	if (!parse_long(num, LONG_MAX / mult, &v))
		return false;
	*out_s = v * mult;
	return true;
}

/* A contact address as the services want it: user@host, printable ASCII
 * or UTF-8 without spaces, and nothing that could end or bend a header
 * (the User-Agent carries it in parentheses). */
static bool valid_mailto(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '(' || *p == ')' ||
		    *p == ';' || *p == '<' || *p == '>' || *p == '"' || *p == '\\')
			return false;
	return strlen(s) <= 254;
}

static bool valid_url(const char *s)
{
	if (strncasecmp(s, "http://", 7) != 0 && strncasecmp(s, "https://", 8) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return strlen(s) > (size_t)(s[4] == ':' ? 7 : 8);
}

/* Sets field k from value; on a bad value writes the reason to why. */
static bool set_value(colo_config *c, const key *k, const char *value,
                      const char **why)
{
	char *base = (char *)c;
	long v;

	switch (k->kind) {
	case V_MAILTO:
		if (!valid_mailto(value)) {
			*why = "not a contact address (user@host, no spaces)";
			return false;
		}
		colo_set_str((char **)(void *)(base + k->off), value);
		return true;
	case V_URL: {
		size_t n = strlen(value);
		char *u;

		if (!valid_url(value)) {
			*why = "not an http or https URL";
			return false;
		}
		u = colo_xstrdup(value);
		while (n > 0 && u[n - 1] == '/')
			u[--n] = '\0';
		free(*(char **)(void *)(base + k->off));
		*(char **)(void *)(base + k->off) = u;
		return true;
	}
	case V_MS:
		if (!parse_long(value, 24L * 3600 * 1000, &v)) {
			*why = "not a number of milliseconds";
			return false;
		}
		*(long *)(void *)(base + k->off) = v;
		return true;
	case V_TTL:
		if (!colo_config_parse_duration(value, &v)) {
			*why = "not a duration (30d, 12h, 90m, 3600s or 0)";
			return false;
		}
		*(long *)(void *)(base + k->off) = v;
		return true;
	case V_COUNT:
		if (!parse_long(value, 100, &v)) {
			*why = "not a count from 0 to 100";
			return false;
		}
		*(int *)(void *)(base + k->off) = (int)v;
		return true;
	}
	return false;
}

static const key *find_key(const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

bool colo_config_parse(colo_config *c, const char *name, const char *data,
                       size_t len, colo_error *err)
{
	const char *p = data, *end = data + len;
	unsigned line = 0;
	colo_buf kb, vb;
	bool ok = false;

	colo_buf_init(&kb, 256);
	colo_buf_init(&vb, 4096);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *ls = p, *le = eol ? eol : end, *eq;
		const char *why = NULL;
		const key *k;

		p = eol ? eol + 1 : end;
		line++;
		while (ls < le && is_space(*ls))
			ls++;
		while (le > ls && is_space(le[-1]))
			le--;
		if (ls == le || *ls == '#')
			continue;
		if (memchr(ls, '\0', (size_t)(le - ls))) {
			colo_error_set(err, COLO_EUSAGE, "%s:%u: NUL byte in the line",
			               name, line);
			goto done;
		}
		eq = memchr(ls, '=', (size_t)(le - ls));
		if (!eq) {
			colo_error_set(err, COLO_EUSAGE,
			               "%s:%u: expected 'key = value'", name, line);
			goto done;
		}
		colo_buf_reset(&kb);
		colo_buf_reset(&vb);
		{
			const char *ke = eq, *vs = eq + 1;

			while (ke > ls && is_space(ke[-1]))
				ke--;
			while (vs < le && is_space(*vs))
				vs++;
			if (ke == ls) {
				colo_error_set(err, COLO_EUSAGE,
				               "%s:%u: expected 'key = value'", name,
				               line);
				goto done;
			}
			if (!colo_buf_append(&kb, ls, (size_t)(ke - ls))) {
				colo_error_set(err, COLO_EUSAGE, "%s:%u: line too long",
				               name, line);
				goto done;
			}
			if (le - vs >= 2 && *vs == '"' && le[-1] == '"') {
				vs++;
				le--;
			}
			if (!colo_buf_append(&vb, vs, (size_t)(le - vs))) {
				colo_error_set(err, COLO_EUSAGE, "%s:%u: value too long",
				               name, line);
				goto done;
			}
		}
		k = find_key(colo_buf_cstr(&kb));
		if (!k) {
			colo_error_set(err, COLO_EUSAGE, "%s:%u: unknown key '%.64s'",
			               name, line, colo_buf_cstr(&kb));
			goto done;
		}
		if (!set_value(c, k, colo_buf_cstr(&vb), &why)) {
			colo_error_set(err, COLO_EUSAGE, "%s:%u: %s: %s: '%.128s'", name,
			               line, k->name, why, colo_buf_cstr(&vb));
			goto done;
		}
	}
	ok = true;
done:
	colo_buf_cleanup(&vb);
	colo_buf_cleanup(&kb);
	return ok;
}

bool colo_config_apply_env(colo_config *c, colo_error *err)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = getenv(keys[i].env), *why = NULL;

		if (!v || !*v)
			continue;
		if (!set_value(c, &keys[i], v, &why)) {
			colo_error_set(err, COLO_EUSAGE, "%s: %s: '%.128s'", keys[i].env,
			               why, v);
			return false;
		}
	}
	return true;
}

char *colo_config_path(void)
{
	const char *env = getenv("COLOPHON_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	colo_buf b;

	if (env && *env)
		return colo_xstrdup(env);
	colo_buf_init(&b, 0);
	if (xdg && *xdg == '/')
		colo_buf_printf(&b, "%s/colophon/config", xdg);
	else if (home && *home)
		colo_buf_printf(&b, "%s/.config/colophon/config", home);
	else
		return NULL;
	return colo_buf_steal(&b);
}

/* Reads path into b; *missing when it does not exist. */
static bool read_file(const char *path, colo_buf *b, bool *missing,
                      colo_error *err)
{
	FILE *f = fopen(path, "rb");
	colo_read r;

	*missing = false;
	if (!f) {
		*missing = errno == ENOENT;
		colo_error_set(err, COLO_EUSAGE, "cannot read config %s: %s", path,
		               strerror(errno));
		return false;
	}
	r = colo_buf_read(b, f);
	if (r == COLO_READ_TOO_BIG)
		colo_error_set(err, COLO_EUSAGE,
		               "cannot read config %s: larger than %zu bytes", path,
		               MAX_CONFIG_BYTES);
	else if (r == COLO_READ_ERROR)
		colo_error_set(err, COLO_EUSAGE, "cannot read config %s: %s", path,
		               strerror(errno));
	fclose(f);
	return r == COLO_READ_OK;
}

bool colo_config_load(colo_config *c, colo_error *err)
{
	char *path = colo_config_path();
	const char *env = getenv("COLOPHON_CONFIG");
	colo_buf b;
	bool missing = false, ok = false;

	colo_config_init(c);
	colo_buf_init(&b, MAX_CONFIG_BYTES);
	if (path) {
		if (read_file(path, &b, &missing, err)) {
			c->path = colo_xstrdup(path);
			if (!colo_config_parse(c, path, b.data ? b.data : "", b.len, err))
				goto done;
		} else if (!missing || (env && *env)) {
			goto done;
		} else {
			/* No config file at the default place is the normal
			 * case, not an error. */
			colo_error_clear(err);
		}
	}
	ok = colo_config_apply_env(c, err);
done:
	colo_buf_cleanup(&b);
	free(path);
	return ok;
}

static colo_config global;
static bool global_loaded;
static colo_error global_err;

const colo_config *colo_config_get(colo_error *err)
{
	if (!global_loaded) {
		colo_error_clear(&global_err);
		if (!colo_config_load(&global, &global_err)) {
			colo_error tmp;

			/* keep what the environment says, so base URLs still
			 * point where the caller asked */
			colo_config_cleanup(&global);
			colo_config_apply_env(&global, &tmp);
		}
		global_loaded = true;
	}
	if (err && global_err.code)
		*err = global_err;
	return &global;
}
