/* fuzz_orcid.c - libFuzzer target for the ORCID API reader
 * (importers/orcid.c) and the iD parser (core/orcid.c).
 *
 * Feeds arbitrary bytes to each of the three answer parsers (person,
 * summaries, bulk works) and to colo_orcid_parse.  They must neither
 * crash, read outside the input, nor leak; what they find does not
 * matter. */
#include <stddef.h>
#include <stdint.h>

#include "colophon/error.h"
#include "colophon/model.h"
#include "colophon/orcid.h"
#include "colophon/orcid_api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	colo_batch b;
	colo_error err;
	colo_orcid_codes codes = {0};
	char id[COLO_ORCID_LEN];
	long person = -1;

	colo_batch_init(&b);
	colo_error_clear(&err);
	(void)colo_orcid_api_parse_person(s, size, "0000-0002-1825-0097", &b,
	                                  &person, &err);
	(void)colo_orcid_api_parse_summaries(s, size, &codes, &err);
	(void)colo_orcid_api_parse_works(s, size, person, &b, &err);
	colo_batch_compute_keys(&b);
	colo_batch_add_creator_people(&b);
	colo_batch_cleanup(&b);
	colo_orcid_codes_cleanup(&codes);
	(void)colo_orcid_parse(s, size, id, &err);
	return 0;
}
