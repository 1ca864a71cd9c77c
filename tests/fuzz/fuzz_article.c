/* fuzz_article.c - libFuzzer target for the article importer.
 *
 * Parses arbitrary bytes (text or HTML) into a fresh batch, extracts the
 * text `colophon link` would keep, scans it with a small linker, and
 * releases everything.  Nothing may crash, read outside the input, leak,
 * or take more than linear time. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "colophon/article.h"
#include "colophon/error.h"
#include "colophon/linker.h"
#include "colophon/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	colo_batch b;
	colo_error err;
	colo_linker *lk;
	size_t n;
	char *text;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_article_parse((const char *)data, size, &b, &err);
	colo_batch_cleanup(&b);
	(void)colo_article_sniff((const char *)data, size);
	text = colo_article_text((const char *)data, size, &n);
	lk = colo_linker_new();
	colo_linker_add(lk, "the war", 7, COLO_PAT_TITLE, 1, 0);
	colo_linker_add(lk, "Grounded", 8, COLO_PAT_SHORT_TITLE, 2, COLO_PAT_CAPITAL);
	colo_linker_add(lk, "978-0-306-40615-7", 17, COLO_PAT_ISBN, 3, 0);
	(void)colo_linker_scan(lk, text, n, NULL, NULL);
	(void)colo_linker_scan(lk, (const char *)data, size, NULL, NULL);
	colo_linker_destroy(lk);
	free(text);
	return 0;
}
