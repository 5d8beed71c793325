/* mllp/listener: the HL7 v2 MLLP intake of `seamless serve --mllp-listen
 * ADDR --mllp-org CODE`. What arrives on the listener comes from that one
 * trust: each framed message is passed to svc_discharge_intake as the
 * system principal for the trust, and answered with exactly one framed
 * ACK, in order, on the same connection — after the message is durable.
 * An adapter: it decodes frames and calls the service; it holds no rules
 * and reads no personal data itself. One thread per connection (at most
 * MLLP_MAX_CONNECTIONS at once; more are closed at once, so a misbehaving
 * engine cannot exhaust the server) and one writer thread with the
 * database connection: group commit — the messages waiting from every
 * connection are stored in one transaction (svc_discharge_intake_batch),
 * one fsync for all, and each connection sends its ACK after the commit.
 * An engine may pipeline (send on without waiting for each ACK): what one
 * read brings, up to 64 messages, goes to the writer together and is
 * answered in the order sent, with one write, before the connection reads
 * on — so an ACK still means that message and all before it are durable. */
#ifndef SEAMLESS_MLLP_LISTENER_H
#define SEAMLESS_MLLP_LISTENER_H
#include "audit/audit.h"

#define MLLP_MAX_CONNECTIONS 32

struct mllp_listener;

/* Binds addr ("127.0.0.1:2575", port 0 for any free one) for the trust
 * with this organisation code. NULL with a message in why on failure. The
 * bound address is written to bound ("127.0.0.1:2575", 64 bytes). */
struct mllp_listener *mllp_listener_start(const char *addr, const char *org_code, const char *db_url,
                                          struct audit_writer *audit, char bound[64], char *why, size_t why_len);
/* Stops accepting, closes every connection and waits for their threads. */
void mllp_listener_stop(struct mllp_listener *l);

#endif
