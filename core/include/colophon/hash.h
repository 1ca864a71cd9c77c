/* hash.h - content hashes for source ids.
 *
 * A source's id is "sha256:" followed by the lower-case hex SHA-256 of its
 * bytes, so importing the same bytes twice names the same source. */
#ifndef COLOPHON_HASH_H
#define COLOPHON_HASH_H

#include <stddef.h>

/* Room for "sha256:" + 64 hex digits + NUL. */
#define COLO_SOURCE_ID_LEN 72

/* Writes the 64 lower-case hex digits of SHA-256(data[0..len)) and a NUL
 * into out (at least 65 bytes).  Never fails (aborts when OpenSSL cannot
 * hash, which only happens when it is out of memory). */
void colo_sha256_hex(const void *data, size_t len, char out[65]);

/* Writes "sha256:<hex>" into out (COLO_SOURCE_ID_LEN bytes). */
void colo_source_id(const void *data, size_t len, char out[COLO_SOURCE_ID_LEN]);

#endif
