/* service.c - loading the scholarly services' JSON answers (see
 * service_priv.h); the mapping of each service's fields stays in its own
 * reader. */
#include "service_priv.h"

json_t *colo_service_load_object(const char *service, const char *what,
                                 const char *data, size_t len,
                                 colo_error *err)
{
	json_error_t je;
	json_t *root;

	if (len > COLO_SERVICE_MAX_ANSWER) {
		colo_error_set(err, COLO_EINPUT, "%s %s answer is too large",
		               service, what);
		return NULL;
	}
	root = json_loadb(data, len, 0, &je);
	if (!root) {
		colo_error_set_at(err, COLO_EINPUT, (unsigned)je.line,
		                  (unsigned)je.column,
		                  "%s %s answer is not valid JSON: %s", service, what,
		                  je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		colo_error_set(err, COLO_EINPUT,
		               "%s %s answer is not a JSON object", service, what);
		return NULL;
	}
	return root;
}
