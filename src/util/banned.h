/* banned: functions this tree does not call, made a compile error rather
 * than a review comment (git's banned.h, plus the atoi family).
 *
 * Force-included into every translation unit by the Makefile (-include), so
 * it first pulls in the standard headers that declare these names — their
 * include guards make any later #include a no-op — and only then redefines
 * each name as a macro that expands to an undeclared identifier:
 *   error: 'sorry_sprintf_is_a_banned_function' undeclared
 *
 * What to use instead:
 *   strcpy, strcat, strncpy, strncat, sprintf, vsprintf
 *                     → struct buf (util/buf.h), snprintf into a sized array,
 *                       or memcpy with a checked length;
 *   atoi, atol, atoll → num_parse_i64 / num_parse_int (util/num.h): no
 *                       undefined behaviour on overflow, and trailing junk
 *                       or an empty string is an error, not 0;
 *   gmtime, localtime, ctime, asctime (shared static buffers)
 *                     → the _r forms, and only in util/clock.c;
 *   gets              → fgets;  strtok → strtok_r;  tmpnam, mktemp → mkstemp. */
#ifndef SEAMLESS_BANNED_H
#define SEAMLESS_BANNED_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atoll
#define atoll(x) BANNED(atoll)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef tmpnam
#define tmpnam(x) BANNED(tmpnam)
#undef mktemp
#define mktemp(x) BANNED(mktemp)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
