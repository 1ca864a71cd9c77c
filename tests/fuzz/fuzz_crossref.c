/* fuzz_crossref.c - libFuzzer target for the Crossref reader
 * (importers/crossref.c).
 *
 * Parses arbitrary bytes as a Crossref answer into a fresh batch, computes
 * keys and releases it.  The reader must neither crash, read outside the
 * input, leak, nor take more than linear time; whether works are found
 * does not matter. */
#include <stddef.h>
#include <stdint.h>

#include "colophon/crossref.h"
#include "colophon/error.h"
#include "colophon/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_crossref_parse((const char *)data, size, &b, &err);
	colo_batch_compute_keys(&b);
	colo_batch_add_creator_people(&b);
	colo_batch_cleanup(&b);
	return 0;
}
