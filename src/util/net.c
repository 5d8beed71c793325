#include "util/net.h"
#include "util/num.h"

#include <arpa/inet.h>
#include <string.h>

int net_parse_ipv4(const char *addr, struct sockaddr_in *sa)
{
    const char *colon = addr ? strrchr(addr, ':') : NULL;
    char host[64];
    int port = 0;
    if (!colon || (size_t)(colon - addr) >= sizeof host)
        return -1;
    memcpy(host, addr, (size_t)(colon - addr));
    host[colon - addr] = '\0';
    if (num_parse_int(colon + 1, &port) < 0 || port < 0 || port > 65535)
        return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) == 1 ? 0 : -1;
}
