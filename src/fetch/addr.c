/*
 * fetch/addr.c: which peer addresses a fetch may connect to.
 *
 * A feed URL is chosen by whoever adds the source, so without this policy
 * the aggregator would be a proxy into the host's own network (admin
 * panels, cloud metadata at 169.254.169.254). The test runs on the socket
 * address curl is about to connect to, after DNS, so a name that resolves
 * differently the second time (DNS rebinding) gains nothing.
 */
#include "base/common.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>

#include "fetch/fetch_int.h"

/* One IPv4 range as network and prefix length. */
struct v4_range {
	uint32_t net;
	int bits;
};

static const struct v4_range v4_blocked[] = {
	{ 0x00000000, 8 },  /* 0/8 "this network", includes 0.0.0.0 */
	{ 0x0A000000, 8 },  /* 10/8 private */
	{ 0x64400000, 10 }, /* 100.64/10 carrier-grade NAT */
	{ 0x7F000000, 8 },  /* 127/8 loopback */
	{ 0xA9FE0000, 16 }, /* 169.254/16 link-local (cloud metadata) */
	{ 0xAC100000, 12 }, /* 172.16/12 private */
	{ 0xC0000000, 24 }, /* 192.0.0/24 IETF protocol assignments */
	{ 0xC0A80000, 16 }, /* 192.168/16 private */
	{ 0xC6120000, 15 }, /* 198.18/15 benchmarking */
	{ 0xE0000000, 4 },  /* 224/4 multicast */
	{ 0xF0000000, 4 },  /* 240/4 reserved, includes broadcast */
};

static bool
v4_is_private(uint32_t a)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(v4_blocked); i++) {
		uint32_t mask = 0xFFFFFFFFu << (32 - v4_blocked[i].bits);

		if ((a & mask) == v4_blocked[i].net)
			return true;
	}
	return false;
}

static uint32_t
v4_from_bytes(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static bool
v6_is_private(const unsigned char *a)
{
	static const unsigned char zero[12] = { 0 };
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0xFF, 0xFF };
	static const unsigned char nat64[12] = { 0, 0x64, 0xFF, 0x9B };

	/* ::/96 covers :: and ::1 as well as the old IPv4-compatible form;
	 * the embedded address decides, and 0/8 catches :: and ::1. */
	if (memcmp(a, zero, 12) == 0 || memcmp(a, mapped, 12) == 0 ||
	    memcmp(a, nat64, 12) == 0)
		return v4_is_private(v4_from_bytes(a + 12));
	if ((a[0] & 0xFE) == 0xFC) /* fc00::/7 unique local */
		return true;
	if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) /* fe80::/10 link-local */
		return true;
	if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) /* fec0::/10 site-local */
		return true;
	if (a[0] == 0xFF) /* ff00::/8 multicast */
		return true;
	/* 2002::/16 (6to4) embeds an IPv4 address in bytes 2..5. */
	if (a[0] == 0x20 && a[1] == 0x02)
		return v4_is_private(v4_from_bytes(a + 2));
	return false;
}

bool
fetch_addr_is_private(const struct sockaddr *sa)
{
	if (sa == NULL)
		return true;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		return v4_is_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
		    (const struct sockaddr_in6 *)sa;

		return v6_is_private(in6->sin6_addr.s6_addr);
	}
	return true;
}

void
fetch_addr_format(const struct sockaddr *sa, char *out, size_t size)
{
	const void *src = NULL;

	if (size == 0)
		return;
	out[0] = '\0';
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		src = &((const struct sockaddr_in *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		src = &((const struct sockaddr_in6 *)sa)->sin6_addr;
	if (src == NULL || inet_ntop(sa->sa_family, src, out,
	    (socklen_t)size) == NULL)
		snprintf(out, size, "(address family %d)", sa->sa_family);
}
