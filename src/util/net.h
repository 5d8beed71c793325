/* net: the "host:port" listen addresses of the HTTP server and the MLLP
 * listener, parsed one way. */
#ifndef SEAMLESS_NET_H
#define SEAMLESS_NET_H
#include <netinet/in.h>

/* "127.0.0.1:8080" or ":8080" (every interface) → an IPv4 socket address.
 * 0, or -1 for anything else (no colon, a host that is not a dotted IPv4
 * address, a port outside 0..65535 or with junk after it). */
__attribute__((warn_unused_result)) int net_parse_ipv4(const char *addr, struct sockaddr_in *sa);

#endif
