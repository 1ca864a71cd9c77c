/* service_priv.h - what the readers of the scholarly services' JSON
 * answers (orcid.c, openalex.c) share.  Not a public API. */
#ifndef COLOPHON_SERVICE_PRIV_H
#define COLOPHON_SERVICE_PRIV_H

#include <jansson.h>
#include <stddef.h>

#include "colophon/error.h"

/* The most bytes of one answer parsed (jansson also caps nesting). */
#define COLO_SERVICE_MAX_ANSWER ((size_t)64 << 20)

/* Parses one answer of `service` ("ORCID", "OpenAlex") that must be a JSON
 * object; `what` names the request ("works").  Returns a new reference
 * (caller json_decref's), or NULL with COLO_EINPUT: too large, not JSON
 * (with jansson's line and column), or not an object. */
json_t *colo_service_load_object(const char *service, const char *what,
                                 const char *data, size_t len,
                                 colo_error *err);

#endif
