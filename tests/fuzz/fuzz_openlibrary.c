/* fuzz_openlibrary.c - libFuzzer target for the Open Library reader
 * (importers/openlibrary.c).
 *
 * Reads arbitrary bytes both as a Books API answer and as a search.json
 * answer, computes keys and releases the batches.  Neither reader may
 * crash, read outside the input, leak, or take more than linear time. */
#include <stddef.h>
#include <stdint.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/openlibrary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_openlibrary_parse_books((const char *)data, size, &b, &err);
	colo_batch_compute_keys(&b);
	colo_batch_cleanup(&b);
	colo_batch_init(&b);
	(void)colo_openlibrary_parse_search((const char *)data, size,
	                                    "https://openlibrary.org", &b, &err);
	colo_batch_compute_keys(&b);
	colo_batch_cleanup(&b);
	return 0;
}
