/*
 * nlp/strtab.h: an interning hash table of byte strings, shared by the
 * tag, entity, gazetteer, boilerplate and keyphrase modules.
 *
 * Each distinct key gets a dense id (0, 1, 2, ...) in insertion order, so
 * callers keep their per-key data in plain arrays indexed by id. Keys are
 * copied into one pool and stay NUL-terminated there. Lookups are open
 * addressing over a power-of-two slot array: O(1) expected, no scans.
 * The total size is capped (NLP_STRTAB_DEFAULT_MAX_BYTES) so hostile input
 * cannot grow it without bound; past the cap interning fails with
 * ERR_TOOBIG and the table stays usable.
 */
#ifndef TD_NLP_STRTAB_H
#define TD_NLP_STRTAB_H

#include "base/common.h"

/* Default cap on the bytes a table holds (keys plus bookkeeping). */
#define NLP_STRTAB_DEFAULT_MAX_BYTES ((size_t)512 << 20)
/* Longest key accepted; longer ones are ERR_TOOBIG. */
#define NLP_STRTAB_MAX_KEY 4096

struct nlp_strtab {
	uint32_t *slots;   /* id + 1, 0 when empty */
	size_t n_slots;    /* a power of two, or 0 */
	uint32_t n;        /* number of keys */
	uint32_t cap;      /* room in off/len/hash */
	uint32_t *off;     /* key i starts at pool + off[i] */
	uint32_t *len;
	uint64_t *hash;
	char *pool;
	size_t pool_len, pool_cap;
	size_t max_bytes;  /* 0: NLP_STRTAB_DEFAULT_MAX_BYTES */
};

/* A 64-bit hash of n bytes (not cryptographic; stable across runs and
 * builds, so fingerprints may be persisted). */
uint64_t nlp_hash64(const void *p, size_t n);

/* Mix a second value into a hash (for composite keys). */
static inline uint64_t
nlp_hash_mix(uint64_t h, uint64_t v)
{
	/* Inline: keyphrase candidates take one per word of a phrase, for
	 * every word of every article. The constants are nlp_hash64's
	 * (strtab.c): K1, K2 and the murmur3 finaliser. */
	h ^= v * 0x9E3779B97F4A7C15ULL + 0xC2B2AE3D27D4EB4FULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* An empty table capped at max_bytes (0: the default). */
void nlp_strtab_init(struct nlp_strtab *t, size_t max_bytes);
void nlp_strtab_release(struct nlp_strtab *t);

/* The id of key s (n bytes), adding it when absent; *added (may be NULL)
 * says which. Returns 0, ERR_NOMEM or ERR_TOOBIG. */
int nlp_strtab_intern(struct nlp_strtab *t, const char *s, size_t n,
    uint32_t *id, bool *added);

/* The id of key s, or -1 when absent. */
int64_t nlp_strtab_find(const struct nlp_strtab *t, const char *s, size_t n);

/* Key number id as a NUL-terminated string (length in *n when n is not
 * NULL). The pointer is valid until the next intern. */
const char *nlp_strtab_key(const struct nlp_strtab *t, uint32_t id,
    size_t *n);

#endif
