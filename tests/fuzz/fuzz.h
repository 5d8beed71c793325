/* The libFuzzer entry point every target in tests/fuzz/ defines (declared
 * here so -Wmissing-prototypes holds for the fuzz targets too). */
#ifndef SEAMLESS_FUZZ_H
#define SEAMLESS_FUZZ_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
