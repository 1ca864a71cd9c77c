/* fuzz_refs.c - libFuzzer target for the reference importer
 * (importers/refs/: splitting, labelling, fields).
 *
 * Parses arbitrary bytes into a fresh batch, as a list and one reference
 * per line, with an --author name so the linking runs too, and sniffs
 * them.  The importer must neither crash, read outside the input, leak,
 * nor take more than linear time; whether references are found does not
 * matter. */
#include <stddef.h>
#include <stdint.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/refs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const colo_refs_opts opts[] = {
		{NULL, false},
		{"Robert Farley", true},
	};

	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		colo_batch b;
		colo_error err;

		colo_batch_init(&b);
		colo_error_clear(&err);
		(void)colo_refs_parse_opts((const char *)data, size, &opts[i], &b,
		                           &err);
		colo_batch_compute_keys(&b);
		colo_batch_add_creator_people(&b);
		colo_batch_cleanup(&b);
	}
	(void)colo_refs_sniff((const char *)data, size);
	return 0;
}
