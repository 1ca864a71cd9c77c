/* test_config.c - the configuration file and its environment overrides
 * (core/config.c): keys, comments, quotes, trailing slashes, durations,
 * one-line errors naming FILE:LINE, the file's location (COLOPHON_CONFIG,
 * XDG_CONFIG_HOME, HOME), environment over file, and the base URLs
 * colo_fetch_base_url hands to the importers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "colophon/config.h"
#include "colophon/fetch.h"
#include "testsupport.h"

static const char *env_names[] = {
	"COLOPHON_CONFIG", "COLOPHON_MAILTO", "COLOPHON_DOI_URL",
	"COLOPHON_CROSSREF_URL", "COLOPHON_OPENLIBRARY_URL", "COLOPHON_ORCID_URL",
	"COLOPHON_OPENALEX_URL", "COLOPHON_MIN_INTERVAL_MS", "COLOPHON_CACHE_TTL",
	"COLOPHON_MAX_RETRIES", "COLOPHON_MAX_BACKOFF_MS",
};

static void clear_env(void)
{
	for (size_t i = 0; i < sizeof env_names / sizeof env_names[0]; i++)
		unsetenv(env_names[i]);
}

/* Writes text to path, which is in colo_test_tmpdir(). */
static void write_text(const char *path, const char *text)
{
	colo_test_write_in(colo_test_tmpdir(), strrchr(path, '/') + 1, text,
	                   strlen(text));
}

static bool parse(colo_config *c, const char *text, colo_error *err)
{
	colo_config_init(c);
	colo_error_clear(err);
	return colo_config_parse(c, "cfg", text, strlen(text), err);
}

static void expect_error(const char *text, const char *message)
{
	colo_config c;
	colo_error err;

	assert_false(parse(&c, text, &err));
	assert_int_equal(err.code, COLO_EUSAGE);
	if (strcmp(err.message, message) != 0)
		print_error("got: %s\n", err.message);
	assert_string_equal(err.message, message);
	colo_config_cleanup(&c);
}

static void test_parse_keys(void **state)
{
	colo_config c;
	colo_error err;
	const char *text =
		"# Colophon's settings\n"
		"\n"
		"mailto = librarian@example.org\n"
		"   doi_url=https://doi.example.org/  \r\n"
		"crossref_url = \"http://127.0.0.1:8080/svc/crossref\"\n"
		"openlibrary_url = https://ol.example.org//\n"
		"orcid_url = https://orcid.example.org\n"
		"openalex_url = https://alex.example.org/api\n"
		"min_interval_ms = 250\n"
		"cache_ttl = 12h\n"
		"max_retries = 5\n"
		"max_backoff_ms = 8000\n"
		"\t# an indented comment\n"
		"mailto = second@example.org"; /* no final newline; last wins */

	assert_ok(parse(&c, text, &err));
	assert_string_equal(c.mailto, "second@example.org");
	assert_string_equal(c.doi_url, "https://doi.example.org");
	assert_string_equal(c.crossref_url, "http://127.0.0.1:8080/svc/crossref");
	assert_string_equal(c.openlibrary_url, "https://ol.example.org");
	assert_string_equal(c.orcid_url, "https://orcid.example.org");
	assert_string_equal(c.openalex_url, "https://alex.example.org/api");
	assert_int_equal(c.min_interval_ms, 250);
	assert_int_equal(c.cache_ttl_s, 12 * 3600);
	assert_int_equal(c.max_retries, 5);
	assert_int_equal(c.max_backoff_ms, 8000);
	colo_config_cleanup(&c);

	/* nothing set: the "unset" markers */
	assert_ok(parse(&c, "# empty\n\n", &err));
	assert_null(c.mailto);
	assert_null(c.doi_url);
	assert_int_equal(c.min_interval_ms, -1);
	assert_int_equal(c.cache_ttl_s, -1);
	assert_int_equal(c.max_retries, -1);
	assert_int_equal(c.max_backoff_ms, -1);
	colo_config_cleanup(&c);
}

static void test_parse_errors(void **state)
{
	expect_error("mailto = a@b.org\nnonsense\n",
	             "cfg:2: expected 'key = value'");
	expect_error("\n\n = x\n", "cfg:3: expected 'key = value'");
	expect_error("# ok\nmail_to = a@b.org\n", "cfg:2: unknown key 'mail_to'");
	expect_error("mailto = nobody\n",
	             "cfg:1: mailto: not a contact address (user@host, no "
	             "spaces): 'nobody'");
	expect_error("mailto = a b@c.org\n",
	             "cfg:1: mailto: not a contact address (user@host, no "
	             "spaces): 'a b@c.org'");
	expect_error("mailto = a@b.org) X\n",
	             "cfg:1: mailto: not a contact address (user@host, no "
	             "spaces): 'a@b.org) X'");
	expect_error("mailto =\n",
	             "cfg:1: mailto: not a contact address (user@host, no "
	             "spaces): ''");
	expect_error("crossref_url = ftp://x.org\n",
	             "cfg:1: crossref_url: not an http or https URL: "
	             "'ftp://x.org'");
	expect_error("doi_url = https://\n",
	             "cfg:1: doi_url: not an http or https URL: 'https://'");
	expect_error("min_interval_ms = -5\n",
	             "cfg:1: min_interval_ms: not a number of milliseconds: '-5'");
	expect_error("max_backoff_ms = 10s\n",
	             "cfg:1: max_backoff_ms: not a number of milliseconds: '10s'");
	expect_error("max_retries = 1000\n",
	             "cfg:1: max_retries: not a count from 0 to 100: '1000'");
	expect_error("cache_ttl = 3w\n",
	             "cfg:1: cache_ttl: not a duration (30d, 12h, 90m, 3600s or "
	             "0): '3w'");
}

static void test_durations(void **state)
{
	long s = -1;

	assert_true(colo_config_parse_duration("0", &s));
	assert_int_equal(s, 0);
	assert_true(colo_config_parse_duration("30d", &s));
	assert_int_equal(s, 30L * 86400);
	assert_true(colo_config_parse_duration("90m", &s));
	assert_int_equal(s, 5400);
	assert_true(colo_config_parse_duration("3600s", &s));
	assert_int_equal(s, 3600);
	assert_true(colo_config_parse_duration("45", &s));
	assert_int_equal(s, 45);
	assert_false(colo_config_parse_duration("", &s));
	assert_false(colo_config_parse_duration("d", &s));
	assert_false(colo_config_parse_duration("-1d", &s));
	assert_false(colo_config_parse_duration("1.5h", &s));
	assert_false(colo_config_parse_duration("99999999999999999999d", &s));
	assert_false(colo_config_parse_duration(NULL, &s));
}

static void test_env_overrides(void **state)
{
	colo_config c;
	colo_error err;

	clear_env();
	assert_ok(parse(&c, "mailto = file@example.org\ncache_ttl = 1d\n", &err));
	setenv("COLOPHON_MAILTO", "env@example.org", 1);
	setenv("COLOPHON_ORCID_URL", "http://127.0.0.1:9/svc/orcid/", 1);
	setenv("COLOPHON_MIN_INTERVAL_MS", "0", 1);
	assert_ok(colo_config_apply_env(&c, &err));
	assert_string_equal(c.mailto, "env@example.org");
	assert_string_equal(c.orcid_url, "http://127.0.0.1:9/svc/orcid");
	assert_int_equal(c.min_interval_ms, 0);
	assert_int_equal(c.cache_ttl_s, 86400); /* the file's, untouched */

	setenv("COLOPHON_MAX_RETRIES", "many", 1);
	assert_false(colo_config_apply_env(&c, &err));
	assert_int_equal(err.code, COLO_EUSAGE);
	assert_string_equal(err.message, "COLOPHON_MAX_RETRIES: not a count from "
	                                 "0 to 100: 'many'");
	colo_config_cleanup(&c);
	clear_env();
}

static void test_file_locations(void **state)
{
	char dir[4096], path[4200], *p;
	colo_config c;
	colo_error err;

	clear_env();
	snprintf(dir, sizeof dir, "%s/config-%ld", colo_test_tmpdir(),
	         (long)getpid());
	setenv("XDG_CONFIG_HOME", dir, 1);
	p = colo_config_path();
	snprintf(path, sizeof path, "%s/colophon/config", dir);
	assert_string_equal(p, path);
	free(p);

	/* no file at the default place: fine, nothing set */
	colo_error_clear(&err);
	assert_ok(colo_config_load(&c, &err));
	/* ... and no error left behind for colo_config_get to report */
	assert_int_equal(err.code, COLO_OK);
	assert_null(c.path);
	assert_null(c.mailto);
	colo_config_cleanup(&c);

	/* COLOPHON_CONFIG wins, and must exist */
	snprintf(path, sizeof path, "%s-file", dir);
	write_text(path, "# mine\nmailto = me@example.org\nopenalex_url = "
	                 "https://oa.example.org/\n");
	setenv("COLOPHON_CONFIG", path, 1);
	p = colo_config_path();
	assert_string_equal(p, path);
	free(p);
	assert_ok(colo_config_load(&c, &err));
	assert_string_equal(c.path, path);
	assert_string_equal(c.mailto, "me@example.org");
	assert_string_equal(c.openalex_url, "https://oa.example.org");
	colo_config_cleanup(&c);

	/* the environment over the file */
	setenv("COLOPHON_MAILTO", "env@example.org", 1);
	assert_ok(colo_config_load(&c, &err));
	assert_string_equal(c.mailto, "env@example.org");
	colo_config_cleanup(&c);
	unsetenv("COLOPHON_MAILTO");

	/* a bad line names the file and the line */
	write_text(path, "# mine\n\nmailto me@example.org\n");
	assert_false(colo_config_load(&c, &err));
	{
		char want[4400];

		snprintf(want, sizeof want, "%s:3: expected 'key = value'", path);
		assert_string_equal(err.message, want);
	}
	colo_config_cleanup(&c);
	unlink(path);

	/* a named file that is missing is an error */
	assert_false(colo_config_load(&c, &err));
	assert_int_equal(err.code, COLO_EUSAGE);
	assert_non_null(strstr(err.message, "cannot read config "));
	assert_non_null(strstr(err.message, "No such file"));
	colo_config_cleanup(&c);

	/* without XDG_CONFIG_HOME: under HOME */
	clear_env();
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/someone", 1);
	p = colo_config_path();
	assert_string_equal(p, "/home/someone/.config/colophon/config");
	free(p);
}

/* Last: colo_fetch_base_url reads the process's configuration once. */
static void test_base_urls(void **state)
{
	char path[4096];

	clear_env();
	snprintf(path, sizeof path, "%s/config-base-%ld", colo_test_tmpdir(),
	         (long)getpid());
	write_text(path, "crossref_url = https://cr.example.org/\n");
	setenv("COLOPHON_CONFIG", path, 1);
	setenv("COLOPHON_DOI_URL", "http://127.0.0.1:1/svc/doi", 1);
	assert_string_equal(colo_fetch_base_url("doi"), "http://127.0.0.1:1/svc/doi");
	assert_string_equal(colo_fetch_base_url("crossref"), "https://cr.example.org");
	assert_string_equal(colo_fetch_base_url("openlibrary"),
	                    "https://openlibrary.org");
	assert_string_equal(colo_fetch_base_url("orcid"), "https://pub.orcid.org");
	assert_string_equal(colo_fetch_base_url("openalex"),
	                    "https://api.openalex.org");
	assert_null(colo_fetch_base_url("google"));
	unlink(path);
	clear_env();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_keys),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_env_overrides),
		cmocka_unit_test(test_file_locations),
		cmocka_unit_test(test_base_urls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
