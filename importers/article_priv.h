/* article_priv.h - what importers/article.c shares with its unit test:
 * the HTML reader's result.  Not a public interface. */
#ifndef COLOPHON_ARTICLE_PRIV_H
#define COLOPHON_ARTICLE_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "colophon/buf.h"

#define ART_MAX_NAMES 16

/* What an HTML page publishes about itself.  Strings are owned; NULL when
 * the page does not say. */
typedef struct art_html {
	colo_buf text;    /* visible text, tags dropped, entities decoded */
	char *title;      /* <title> */
	char *h1;         /* first <h1> */
	char *og_title, *og_site, *og_url, *og_type, *published;
	char *cit_title, *cit_date, *cit_journal, *cit_doi, *cit_isbn;
	char *cit_volume, *cit_issue, *cit_first, *cit_last, *cit_publisher;
	char *ld_headline, *ld_date, *ld_publisher, *ld_url, *ld_type;
	char *canonical, *time_datetime, *meta_author, *byline;
	char *authors[ART_MAX_NAMES]; /* citation_author, JSON-LD, rel=author */
	size_t nauthors;
	/* JSON-LD Book items and doi.org links: works the page cites. */
	struct art_cited {
		char *title, *author, *isbn, *doi;
	} cited[32];
	size_t ncited;
} art_html;

/* True when data looks like HTML (a tag near the start). */
bool art_is_html(const char *data, size_t len);

/* Reads an HTML page; h is filled (zeroed first) and cleaned by
 * art_html_cleanup. */
void art_html_read(const char *data, size_t len, art_html *h);
void art_html_cleanup(art_html *h);

#endif
