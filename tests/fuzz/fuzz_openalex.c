/* fuzz_openalex.c - libFuzzer target for the OpenAlex reader
 * (importers/openalex.c).
 *
 * Feeds arbitrary bytes to the author and works parsers (the works with
 * and without an author) and to colo_openalex_short_id.  They must
 * neither crash, read outside the input, nor leak; reference spans must
 * lie inside the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "colophon/error.h"
#include "colophon/mem.h"
#include "colophon/model.h"
#include "colophon/openalex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	colo_batch b;
	colo_error err;
	colo_openalex_author a = {NULL, NULL, -1};
	colo_openalex_ids ids;
	char *z;

	colo_batch_init(&b);
	colo_openalex_ids_init(&ids);
	colo_error_clear(&err);
	(void)colo_openalex_parse_author(s, size, &b, &a, &err);
	(void)colo_openalex_parse_works(s, size, &a, &b, &ids, &err);
	(void)colo_openalex_parse_works(s, size, NULL, &b, &ids, &err);
	for (size_t i = 0; i < ids.nrefs; i++)
		if (ids.refs[i].end > size || ids.refs[i].start > ids.refs[i].end)
			abort();
	colo_batch_compute_keys(&b);
	colo_openalex_ids_cleanup(&ids);
	colo_openalex_author_cleanup(&a);
	colo_batch_cleanup(&b);
	z = colo_xstrndup(s, size);
	free(colo_openalex_short_id(z));
	free(z);
	return 0;
}
