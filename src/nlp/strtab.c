/*
 * nlp/strtab.c: interning hash table (see strtab.h).
 *
 * Slots hold id + 1 and the full 64-bit hash is kept per key, so a probe
 * compares bytes only when the hashes agree. The table doubles at a load
 * of one half; ids never move, which is what lets callers index arrays.
 */
#include "base/common.h"

#include "base/err.h"
#include "nlp/strtab.h"

#define K1 0x9E3779B97F4A7C15ULL
#define K2 0xC2B2AE3D27D4EB4FULL

static uint64_t
fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t
nlp_hash64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = K1 ^ ((uint64_t)n * K2);
	uint64_t v;

	while (n >= 8) {
		memcpy(&v, s, 8);
		h = (h ^ fmix(v * K2)) * K1;
		h = (h << 27) | (h >> 37);
		s += 8;
		n -= 8;
	}
	v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)s[i] << (8 * i);
	h ^= fmix(v ^ K2);
	return fmix(h);
}


void
nlp_strtab_init(struct nlp_strtab *t, size_t max_bytes)
{
	memset(t, 0, sizeof(*t));
	t->max_bytes = max_bytes ? max_bytes : NLP_STRTAB_DEFAULT_MAX_BYTES;
}

void
nlp_strtab_release(struct nlp_strtab *t)
{
	size_t max = t->max_bytes;

	free(t->slots);
	free(t->off);
	free(t->len);
	free(t->hash);
	free(t->pool);
	nlp_strtab_init(t, max);
}

static size_t
used_bytes(const struct nlp_strtab *t)
{
	return t->pool_cap + t->n_slots * sizeof(uint32_t) +
	    (size_t)t->cap * (2 * sizeof(uint32_t) + sizeof(uint64_t));
}

static int64_t
probe(const struct nlp_strtab *t, const char *s, size_t n, uint64_t h,
    size_t *slot)
{
	size_t mask = t->n_slots - 1;
	size_t i = (size_t)h & mask;

	for (;;) {
		uint32_t v = t->slots[i];
		if (v == 0) {
			*slot = i;
			return -1;
		}
		v--;
		if (t->hash[v] == h && t->len[v] == n &&
		    memcmp(t->pool + t->off[v], s, n) == 0) {
			*slot = i;
			return v;
		}
		i = (i + 1) & mask;
	}
}

static int
rehash(struct nlp_strtab *t, size_t n_slots)
{
	uint32_t *slots = calloc(n_slots, sizeof(*slots));

	if (!slots)
		return ERR_NOMEM;
	for (uint32_t id = 0; id < t->n; id++) {
		size_t i = (size_t)t->hash[id] & (n_slots - 1);
		while (slots[i])
			i = (i + 1) & (n_slots - 1);
		slots[i] = id + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->n_slots = n_slots;
	return 0;
}

int64_t
nlp_strtab_find(const struct nlp_strtab *t, const char *s, size_t n)
{
	size_t slot;

	if (t->n == 0 || n > NLP_STRTAB_MAX_KEY)
		return -1;
	return probe(t, s, n, nlp_hash64(s, n), &slot);
}

int
nlp_strtab_intern(struct nlp_strtab *t, const char *s, size_t n,
    uint32_t *id, bool *added)
{
	uint64_t h;
	size_t slot;
	int64_t found;

	if (added)
		*added = false;
	if (n > NLP_STRTAB_MAX_KEY)
		return ERR_TOOBIG;
	h = nlp_hash64(s, n);
	if (t->n_slots) {
		found = probe(t, s, n, h, &slot);
		if (found >= 0) {
			*id = (uint32_t)found;
			return 0;
		}
	}
	if (t->n >= UINT32_MAX / 4 || used_bytes(t) + n + 64 > t->max_bytes)
		return ERR_TOOBIG;
	if ((size_t)(t->n + 1) * 2 > t->n_slots) {
		int rc = rehash(t, t->n_slots ? t->n_slots * 2 : 64);
		if (rc < 0)
			return rc;
	}
	if (t->n == t->cap) {
		uint32_t nc = t->cap ? t->cap * 2 : 32;
		uint32_t *off = realloc(t->off, nc * sizeof(*off));
		if (!off)
			return ERR_NOMEM;
		t->off = off;
		uint32_t *len = realloc(t->len, nc * sizeof(*len));
		if (!len)
			return ERR_NOMEM;
		t->len = len;
		uint64_t *hash = realloc(t->hash, nc * sizeof(*hash));
		if (!hash)
			return ERR_NOMEM;
		t->hash = hash;
		t->cap = nc;
	}
	if (t->pool_len + n + 1 > t->pool_cap) {
		size_t nc = t->pool_cap ? t->pool_cap * 2 : 1024;
		while (nc < t->pool_len + n + 1)
			nc *= 2;
		if (nc > UINT32_MAX)
			return ERR_TOOBIG;
		char *pool = realloc(t->pool, nc);
		if (!pool)
			return ERR_NOMEM;
		t->pool = pool;
		t->pool_cap = nc;
	}
	memcpy(t->pool + t->pool_len, s, n);
	t->pool[t->pool_len + n] = '\0';
	t->off[t->n] = (uint32_t)t->pool_len;
	t->len[t->n] = (uint32_t)n;
	t->hash[t->n] = h;
	t->pool_len += n + 1;
	probe(t, s, n, h, &slot);
	t->slots[slot] = t->n + 1;
	*id = t->n++;
	if (added)
		*added = true;
	return 0;
}

const char *
nlp_strtab_key(const struct nlp_strtab *t, uint32_t id, size_t *n)
{
	if (id >= t->n) {
		if (n)
			*n = 0;
		return "";
	}
	if (n)
		*n = t->len[id];
	return t->pool + t->off[id];
}
