/* The decoders moved to the service layer (svc/input.h): one set for the
 * JSON API, the pages and the services. */
#include "svc/input.h"
