/* fuzz_csljson.c - libFuzzer target for the csljson reader (importers/csljson.c).
 *
 * Parses arbitrary bytes into a fresh batch and releases it, and sniffs
 * them.  The reader must neither crash, read outside the input, leak, nor
 * take more than linear time; whether entries are found does not matter. */
#include <stddef.h>
#include <stdint.h>

#include "../../importers/formats_priv.h"
#include "colophon/error.h"
#include "colophon/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	colo_batch b;
	colo_error err;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_csljson_parse((const char *)data, size, &b, &err);
	colo_batch_compute_keys(&b);
	colo_batch_cleanup(&b);
	(void)colo_csljson_sniff((const char *)data, size);
	return 0;
}
