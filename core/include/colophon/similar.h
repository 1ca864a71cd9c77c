/* similar.h - how alike a stored work and a candidate from an online
 * service are, for `colophon enrich` (docs/ONLINE.md, "Matching").
 *
 *   title  Dice coefficient of the two titles' token sets, 2|A∩B|/(|A|+|B|),
 *          tokens being the words of colo_text_normkey (folded, accents
 *          and punctuation dropped, "&" read as "and", a leading "the"
 *          dropped); the better of main title vs main title and
 *          title+subtitle vs title+subtitle.
 *   year   1 when equal, 0.5 when one apart or either is unknown, else 0.
 *   names  the share of the stored work's creators' family names
 *          (colo_name_family_norm) found among the candidate's; 0.5 when
 *          the stored work names nobody.
 *   total  0.6 title + 0.2 year + 0.2 names.
 *
 * A candidate is accepted when total >= COLO_SIMILAR_THRESHOLD and title
 * >= COLO_SIMILAR_TITLE_FLOOR.  Pure functions: no store, no network. */
#ifndef COLOPHON_SIMILAR_H
#define COLOPHON_SIMILAR_H

#include <stdbool.h>

#include "colophon/model.h"

#define COLO_SIMILAR_THRESHOLD 0.85
#define COLO_SIMILAR_TITLE_FLOOR 0.75

typedef struct colo_similar_score {
	double title, year, names; /* each 0..1 */
	double total;              /* the weighted sum, 0..1 */
} colo_similar_score;

/* Dice coefficient of the token sets of two texts; 0 when either has no
 * token. */
double colo_similar_text(const char *a, const char *b);

double colo_similar_title(const colo_work *known, const colo_work *cand);
double colo_similar_year(int known, int cand);
double colo_similar_names(const colo_work *known, const colo_work *cand);

/* Fills every part of *out. */
void colo_similar_works(const colo_work *known, const colo_work *cand,
                        colo_similar_score *out);

/* Whether a scored candidate is good enough to be merged. */
bool colo_similar_accept(const colo_similar_score *s);

#endif
