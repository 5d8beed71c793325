/* oom: allocation failure, noticed rather than misreported.
 *
 * When memory runs out half-way through a request, the code that hit the
 * failure often cannot tell it from bad input (jansson returns NULL both
 * for a malformed body and for a failed allocation; a missing member reads
 * as "is required"), so the request would be answered 400, 401 or 422 — a
 * lie to the client. Every allocator the server's own code goes through
 * (jansson's, the arena, buf) notes the failure on the thread; the HTTP
 * server takes the note when it sends the answer and replaces anything but
 * an acknowledged write with 503 "try again". The arena, which never
 * returns NULL, carries on from a per-thread reserve so the request can be
 * answered (and aborts only when that is gone too). */
#ifndef SEAMLESS_OOM_H
#define SEAMLESS_OOM_H

void oom_note(void);      /* an allocation failed on this thread */
int oom_take(void);       /* 1 if one was noted since the last take (and clears the note) */
void oom_install(void);   /* jansson allocates through a noting wrapper; call before any JSON use */

#endif
