/* hash.c - SHA-256 through OpenSSL's EVP interface, for source ids.
 *
 * Only hashing lives here; nothing is signed or encrypted. */
#include "colophon/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

void colo_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32) {
		fputs("colophon: cannot compute SHA-256\n", stderr);
		abort();
	}
	for (unsigned int i = 0; i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[64] = '\0';
}

void colo_source_id(const void *data, size_t len, char out[COLO_SOURCE_ID_LEN])
{
	memcpy(out, "sha256:", 7);
	colo_sha256_hex(data, len, out + 7);
}
