/* registry.c - the table of importers, in the order --help lists them.
 * Adding a reader is one row here plus its file. */
#include <string.h>

#include "colophon/article.h"
#include "colophon/importer.h"
#include "colophon/refs.h"
#include "formats_priv.h"

static const colo_importer bio = {
	"bio",
	"an author bio, or an article with an \"About the Author\" section",
	colo_bio_sniff,
	colo_bio_parse,
};

static const colo_importer refs = {
	"refs",
	"a publication list or bibliography (text, Markdown or HTML): one "
	"work per reference",
	colo_refs_sniff,
	colo_refs_parse,
};

static const colo_importer bibtex = {
	"bibtex",
	"a BibTeX or BibLaTeX file (.bib)",
	colo_bibtex_sniff,
	colo_bibtex_parse,
};

static const colo_importer ris = {
	"ris",
	"an RIS file (.ris), as reference managers export it",
	colo_ris_sniff,
	colo_ris_parse,
};

static const colo_importer csljson = {
	"csljson",
	"CSL-JSON (.json), as Zotero, pandoc and citeproc write it",
	colo_csljson_sniff,
	colo_csljson_parse,
};

static const colo_importer article = {
	"article",
	"an article page (text or HTML): title, authors, date, venue, the "
	"author bio, pingbacks as citing works",
	colo_article_sniff,
	colo_article_parse,
};

const colo_importer *const colo_importers[] = {&bio,     &refs,    &bibtex, &ris,
                                               &csljson, &article, NULL};

const colo_importer *colo_importer_find(const char *name)
{
	for (size_t i = 0; colo_importers[i]; i++)
		if (strcmp(colo_importers[i]->name, name) == 0)
			return colo_importers[i];
	/* Aliases people type. */
	if (strcmp(name, "biblatex") == 0 || strcmp(name, "bib") == 0)
		return &bibtex;
	if (strcmp(name, "csl-json") == 0 || strcmp(name, "csl") == 0)
		return &csljson;
	return NULL;
}

const colo_importer *colo_importer_sniff(const char *data, size_t len,
                                         int threshold,
                                         bool (*accept)(const colo_importer *))
{
	const colo_importer *best = NULL;

	for (size_t i = 0; colo_importers[i]; i++) {
		int score;

		if (accept && !accept(colo_importers[i]))
			continue;
		score = colo_importers[i]->sniff(data ? data : "", len);
		if (score > threshold) {
			threshold = score;
			best = colo_importers[i];
		}
	}
	return best;
}
