/* registry.c - the table of importers, in the order --help lists them.
 * Adding a reader is one row here plus its file. */
#include <string.h>

#include "colophon/importer.h"

static const colo_importer bio = {
	"bio",
	"an author bio, or an article with an \"About the Author\" section",
	colo_bio_sniff,
	colo_bio_parse,
};

const colo_importer *const colo_importers[] = {&bio, NULL};

const colo_importer *colo_importer_find(const char *name)
{
	for (size_t i = 0; colo_importers[i]; i++)
		if (strcmp(colo_importers[i]->name, name) == 0)
			return colo_importers[i];
	return NULL;
}
