/* fuzz_bio.c - libFuzzer target for the bio importer.
 *
 * Parses arbitrary bytes into a fresh batch and releases it.  The reader
 * must neither crash, read outside the input, leak, nor take more than
 * linear time; whether it finds a bio does not matter here. */
#include <stddef.h>
#include <stdint.h>

#include "colophon/error.h"
#include "colophon/importer.h"
#include "colophon/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_bio_parse((const char *)data, size, &b, &err);
	colo_batch_cleanup(&b);
	(void)colo_bio_sniff((const char *)data, size);
	return 0;
}
