/* writer.c - the format dispatch behind colophon/writer.h.
 *
 * Maps a format name to a writer and frames the output (CSL-JSON is one
 * array; BibTeX, BibLaTeX and RIS are plain sequences of entries).  The
 * writers themselves live in bibtex.c, csljson.c and ris.c; this file holds
 * no mapping of its own. */
#include "colophon/writer.h"

#include <string.h>
#include <strings.h>

#include "colophon/bibtex.h"
#include "colophon/csljson.h"
#include "colophon/ris.h"

bool colo_format_parse(const char *name, colo_format *out)
{
	static const struct {
		const char *name;
		colo_format f;
	} names[] = {
		{"bibtex", COLO_FMT_BIBTEX},   {"bib", COLO_FMT_BIBTEX},
		{"biblatex", COLO_FMT_BIBLATEX}, {"csljson", COLO_FMT_CSLJSON},
		{"csl-json", COLO_FMT_CSLJSON}, {"csl", COLO_FMT_CSLJSON},
		{"ris", COLO_FMT_RIS},
	};

	for (size_t i = 0; name && i < sizeof names / sizeof *names; i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return true;
		}
	return false;
}

void colo_write_begin(colo_buf *out, colo_format f)
{
	if (f == COLO_FMT_CSLJSON)
		colo_buf_puts(out, "[\n");
}

bool colo_write_work(colo_buf *out, colo_format f, const colo_work *w,
                     bool first, const colo_write_opts *o, colo_error *err)
{
	bool ascii = o && o->ascii;

	switch (f) {
	case COLO_FMT_BIBTEX:
	case COLO_FMT_BIBLATEX: {
		colo_bibtex_opts bo;

		bo.biblatex = f == COLO_FMT_BIBLATEX;
		bo.ascii = ascii;
		return colo_bibtex_write(out, w, &bo, err);
	}
	case COLO_FMT_CSLJSON:
		return colo_csljson_write(out, w, first, ascii, err);
	case COLO_FMT_RIS:
		return colo_ris_write(out, w, ascii, err);
	}
	colo_error_set(err, COLO_EFAIL, "unknown export format %d", (int)f);
	return false;
}

void colo_write_end(colo_buf *out, colo_format f)
{
	if (f == COLO_FMT_CSLJSON)
		colo_buf_puts(out, "\n]\n");
}
