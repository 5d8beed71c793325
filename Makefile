# Seamless — one C11 binary, its tests and benchmarks.
#   make         build ./seamless
#   make check   install what is missing, build, run unit (plain + ASan/UBSan),
#                end-to-end tests (and the date-heavy ones again at hard dates)
#                and browser tests on SQLite, then the same again on a
#                throwaway PostgreSQL cluster (check-pg), and the Citus
#                checks on a coordinator and two workers (check-citus-smoke;
#                make check-citus runs the whole unit and e2e suites there)
#   make demo    build, create demo.db with sample data, serve on 127.0.0.1:8080
#   make soak    the kill -9 harness for 200 rounds on SQLite and PostgreSQL
#   make bench   run the benchmarks in bench/ on SQLite, then on PostgreSQL
#   make fuzz    run each fuzz target for a short while (clang libFuzzer)
#   make analyze clang's static analyzer over src/ (scripts/analyze)
#   make clean
CC      ?= cc
CFLAGS  ?= -O2 -g
# Every file, every build (src/, tests/unit, tests/fuzz, tools/): the
# conversion, prototype and qualifier warnings are errors too, and
# src/util/banned.h is force-included so strcpy, sprintf, atoi and the
# rest of its list do not compile.
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla \
           -Wconversion -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition \
           -Wmissing-declarations -Wwrite-strings -Wcast-qual -Wpointer-arith -Wundef
DEFS    := -D_GNU_SOURCE -include src/util/banned.h
INC      = -Isrc -Ibuild/gen $(PQ_INC)
PQ_INC   = $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
LIBS    := -lmicrohttpd -ljansson -lsqlite3 -lpq -lsodium -lxlsxwriter -lcsv -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

DB      ?= demo.db
LISTEN  ?= 127.0.0.1:8080

LIB_SRC := $(sort $(wildcard src/util/*.c src/domain/*.c src/store/*.c src/audit/*.c \
                              src/svc/*.c src/http/*.c src/api/*.c src/pages/*.c src/web/*.c \
                              src/hl7/*.c src/mllp/*.c src/fhir/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

# Files embedded in the binary: migrations, SQLite's views over the audit
# files, templates, our static files and the NHS.UK frontend's compiled assets.
NHSUK   := node_modules/nhsuk-frontend/dist/nhsuk
EMBED   := $(sort $(wildcard src/store/migrations/*.sql)) src/store/sqlite_audit_views.sql \
           $(sort $(wildcard src/web/templates/*.html)) \
           $(sort $(wildcard src/web/static/*))
NHSUK_FILES := $(NHSUK)/nhsuk-frontend.min.css $(NHSUK)/nhsuk-frontend.min.js
NHSUK_IMAGES = $(sort $(wildcard $(NHSUK)/assets/images/*.svg $(NHSUK)/assets/images/favicon.ico))

OBJ      = $(patsubst %.c,build/obj/%.o,$(1))
ASAN_OBJ = $(patsubst %.c,build/asan/%.o,$(1))
DEPS_STAMP := build/.deps-stamp
NPROC   := $(shell nproc 2>/dev/null || echo 2)

.PHONY: FORCE all analyze check check-builds check-lane-sqlite check-lane-pg e2e-alone e2e-shared e2e-asan-alone e2e-asan-shared check-pg check-citus check-citus-smoke soak unit unit-dates unit-asan e2e e2e-asan e2e-dates browser demo bench fuzz fuzz-smoke clean deps
all: seamless

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps package.json package-lock.json
	@mkdir -p build
	scripts/install-deps
	@touch $@

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) -O2 -o $@ $<

# The list of embedded files, rewritten only when it changes: a file
# renamed or removed (whose mtime says nothing) rebuilds embedded.c too.
build/gen/embed.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(EMBED)' | cmp -s - $@ || echo '$(EMBED)' > $@
FORCE:
build/gen/embedded.c: build/tools/embed $(EMBED) build/gen/embed.list $(DEPS_STAMP) Makefile
	@mkdir -p $(dir $@)
	build/tools/embed $@.tmp $(foreach f,$(EMBED),$(f):$(subst src/web/,,$(subst src/store/,,$(f)))) \
	  $(foreach f,$(NHSUK_FILES),$(f):static/$(notdir $(f))) \
	  $(foreach f,$(NHSUK_IMAGES),$(f):assets/images/$(notdir $(f)))
	@mv $@.tmp $@

build/obj/%.o: %.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(INC) $(CFLAGS) -MMD -MP -c -o $@ $<
build/asan/%.o: %.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(INC) -O1 -g $(SAN) -MMD -MP -c -o $@ $<

build/libseamless.a: $(call OBJ,$(LIB_SRC)) build/obj/build/gen/embedded.o
	rm -f $@; ar rcs $@ $^
build/libseamless-asan.a: $(call ASAN_OBJ,$(LIB_SRC)) build/asan/build/gen/embedded.o
	rm -f $@; ar rcs $@ $^

seamless: $(call OBJ,$(CLI_SRC)) build/libseamless.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)
# The same program under AddressSanitizer + UndefinedBehaviorSanitizer, for e2e-asan.
build/seamless-asan: $(call ASAN_OBJ,$(CLI_SRC)) build/libseamless-asan.a
	$(CC) -O1 -g $(SAN) -o $@ $^ $(LIBS)

build/tests/%: tests/unit/%.c build/libseamless.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(INC) $(CFLAGS) -o $@ $< build/libseamless.a $(LIBS) -lcmocka
build/tests-asan/%: tests/unit/%.c build/libseamless-asan.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(DEFS) $(INC) -O1 -g $(SAN) -o $@ $< build/libseamless-asan.a $(LIBS) -lcmocka

UNIT_BINS      := $(patsubst tests/unit/%.c,build/tests/%,$(TEST_SRC))
UNIT_ASAN_BINS := $(patsubst tests/unit/%.c,build/tests-asan/%,$(TEST_SRC))

unit: $(UNIT_BINS)
	@scripts/run-unit $(UNIT_BINS)
unit-asan: $(UNIT_ASAN_BINS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  scripts/run-unit $(UNIT_ASAN_BINS)

# LD_PRELOAD shim that fails writes/fsyncs on demand (tests/e2e/faults.test.mjs).
build/faultfs.so: tests/fault/faultfs.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -Wall -Wextra -Werror -O2 -shared -fPIC -o $@ $< -ldl

# LD_PRELOAD shim that fails memory allocation on demand (same test file).
build/faultmem.so: tests/fault/faultmem.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -Wall -Wextra -Werror -O2 -shared -fPIC -o $@ $<

# A test file that runs longer than E2E_TIMEOUT milliseconds fails.
E2E_TIMEOUT ?= 600000
E2E_JOBS ?= $(NPROC)
# Files that time the server or load the machine (connection floods, kill -9
# rounds, a 1.1 M-row import, injected faults, checkpoints signed each
# second) run one at a time with nothing else running (e2e-alone); the
# others E2E_JOBS at a time (e2e-shared: each file starts its own servers on
# its own databases and ports, and times nothing).
E2E_ALL   := $(sort $(wildcard tests/e2e/*.test.mjs))
E2E_ALONE := $(patsubst %,tests/e2e/%.test.mjs,connections crash reliability faults county import audit_anchor \
               audit_durability mllp_group_commit foundation postgres)
E2E_SHARED := $(filter-out $(E2E_ALONE),$(E2E_ALL))
e2e: seamless build/faultfs.so build/faultmem.so
	$(MAKE) --no-print-directory e2e-alone
	$(MAKE) --no-print-directory e2e-shared
e2e-alone: seamless build/faultfs.so build/faultmem.so
	node --test --test-concurrency=1 --test-timeout=$(E2E_TIMEOUT) $(E2E_ALONE)
e2e-shared: seamless build/faultfs.so build/faultmem.so
	node --test --test-concurrency=$(E2E_JOBS) --test-timeout=$(E2E_TIMEOUT) $(E2E_SHARED)
browser: seamless
	node --test --test-concurrency=1 --test-timeout=600000 tests/browser/
# The same pages at a 375px phone width (layout does not depend on the
# backend, so check-pg runs only the desktop pass).
browser-phone: seamless
	SEAMLESS_BROWSER_WIDTH=phone node --test --test-concurrency=1 --test-timeout=600000 tests/browser/

# The date-heavy end-to-end files again with the test clock at hard dates:
# month ends, 28/29 February 2028, Christmas and New Year bank holidays, the
# Sundays the clocks change, and late evenings when the UK date is not the
# UTC date. A rule or a test that breaks on one of them fails here, not for
# a user on that day. (tests/e2e/harness.mjs: SEAMLESS_TEST_NOW.) These
# files time nothing, so they run E2E_JOBS at a time, each with its own servers.
HARD_DATES := 2027-01-31T09:00:00Z 2028-02-28T09:00:00Z 2028-02-29T09:00:00Z 2027-03-31T09:00:00Z \
              2027-03-28T00:30:00Z 2027-10-30T23:30:00Z 2026-12-24T16:00:00Z 2026-12-25T09:00:00Z \
              2026-12-26T09:00:00Z 2026-12-27T09:00:00Z 2026-12-31T23:30:00Z 2027-06-30T23:30:00Z
DATE_E2E := $(addprefix tests/e2e/,chc_after_decision.test.mjs chc_clock.test.mjs chc.test.mjs \
              referrals.test.mjs personal_budgets.test.mjs care_plans.test.mjs meetings.test.mjs \
              joint_funding.test.mjs disputes.test.mjs)
e2e-dates: seamless
	@for d in $(HARD_DATES); do echo "e2e-dates: now = $$d"; \
	  SEAMLESS_TEST_NOW=$$d node --test --test-concurrency=$(E2E_JOBS) --test-timeout=600000 --test-reporter=dot $(DATE_E2E) || exit 1; done

# The unit suite again at four of those dates (every unit test's clock is
# pinned by tests/unit/test_helpers.h; SEAMLESS_TEST_NOW moves it).
UNIT_DATES := 2028-02-29T09:00:00Z 2026-12-25T09:00:00Z 2027-03-28T00:30:00Z 2026-12-31T23:30:00Z
unit-dates: $(UNIT_BINS)
	@for d in $(UNIT_DATES); do echo "unit-dates: now = $$d"; \
	  SEAMLESS_TEST_NOW=$$d scripts/run-unit $(UNIT_BINS) > build/unit-dates.log 2>&1 \
	    || { cat build/unit-dates.log; exit 1; }; tail -1 build/unit-dates.log; done

# make soak: the kill -9 harness (tests/e2e/crash.test.mjs) for 200 rounds on
# SQLite and on PostgreSQL (where every third round kills the database
# server instead); make check runs 10 rounds of it as part of e2e.
soak: seamless
	CRASH_ROUNDS=$${CRASH_ROUNDS:-200} node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/crash.test.mjs
	CRASH_ROUNDS=$${CRASH_ROUNDS:-200} scripts/with-postgres node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/crash.test.mjs

# The end-to-end suite once against the sanitizer build: every server and
# CLI run writes any ASan/UBSan/LeakSanitizer report (leaks checked at exit)
# to build/asan-e2e/alone/ or build/asan-e2e/shared/ (the two halves, as in
# e2e), and a report fails the target. The connection-flood
# test is left to the plain build (its timing is the point, not memory).
E2E_ASAN_OFF := tests/e2e/connections.test.mjs tests/e2e/crash.test.mjs
ASAN_E2E = SEAMLESS_BIN=build/seamless-asan \
  ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/build/asan-e2e/$(1)/report:abort_on_error=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(CURDIR)/build/asan-e2e/$(1)/report
ASAN_REPORTS = if ls build/asan-e2e/$(1)/report.* >/dev/null 2>&1; then cat build/asan-e2e/$(1)/report.*; \
  echo "e2e-asan: sanitizer reports above"; exit 1; fi; echo "e2e-asan ($(1)): no sanitizer reports"
e2e-asan: build/seamless-asan
	$(MAKE) --no-print-directory e2e-asan-alone
	$(MAKE) --no-print-directory e2e-asan-shared
e2e-asan-alone e2e-asan-shared: e2e-asan-%: build/seamless-asan
	@rm -rf build/asan-e2e/$*; mkdir -p build/asan-e2e/$*
	$(call ASAN_E2E,$*) node --test --test-concurrency=$(if $(filter alone,$*),1,$(E2E_JOBS)) \
	  --test-timeout=600000 --test-reporter=dot $(filter-out $(E2E_ASAN_OFF),$(if $(filter alone,$*),$(E2E_ALONE),$(E2E_SHARED)))
	@$(call ASAN_REPORTS,$*)

# Everything check builds, built first and $(NPROC) files at a time.
CHECK_BUILDS = seamless build/seamless-asan $(UNIT_BINS) $(UNIT_ASAN_BINS) $(FUZZ_BINS) build/faultfs.so build/faultmem.so
check-builds: $(CHECK_BUILDS)
# After the builds and the unit tests, the SQLite and the PostgreSQL files
# that time nothing run side by side (two lanes of about the same length,
# one file each at a time; the phone-width browser pass, on SQLite, ends
# the PostgreSQL lane); then each backend's e2e-alone files, one at a time
# with nothing beside.
check: $(DEPS_STAMP)
	scripts/timed scripts/check-layers
	scripts/timed scripts/analyze
	scripts/timed $(MAKE) -j$(NPROC) check-builds
	scripts/timed $(MAKE) unit
	scripts/timed $(MAKE) unit-dates
	scripts/timed $(MAKE) unit-asan
	scripts/timed $(MAKE) fuzz-smoke
	scripts/timed $(MAKE) -j2 --output-sync=recurse E2E_JOBS=1 check-lane-sqlite check-lane-pg
	scripts/timed $(MAKE) e2e-alone
	scripts/timed $(MAKE) e2e-asan-alone
	scripts/timed scripts/with-postgres $(MAKE) --no-print-directory e2e-alone
	scripts/timed $(MAKE) check-citus-smoke
check-lane-sqlite: $(CHECK_BUILDS)
	scripts/timed $(MAKE) --no-print-directory e2e-shared
	scripts/timed $(MAKE) --no-print-directory e2e-asan-shared
	scripts/timed $(MAKE) --no-print-directory e2e-dates
	scripts/timed $(MAKE) --no-print-directory browser
check-lane-pg: $(CHECK_BUILDS)
	scripts/timed scripts/with-postgres $(MAKE) --no-print-directory unit unit-asan e2e-shared browser
	scripts/timed $(MAKE) --no-print-directory browser-phone

# The same unit, end-to-end and browser tests on PostgreSQL: a throwaway
# cluster (scripts/with-postgres) sets SEAMLESS_TEST_DB, and every test makes
# its own database on it.
check-pg: seamless $(UNIT_BINS) $(UNIT_ASAN_BINS)
	scripts/with-postgres $(MAKE) --no-print-directory unit unit-asan e2e browser

# The unit and end-to-end tests on a Citus cluster (a coordinator and two
# workers, scripts/with-citus; Citus built once from ../shared/vendor/citus
# into build/citus): every test database is made on every node and
# `seamless init` distributes the schema (src/store/citus.h).
# A file gets an hour there: the demo county is written at about ten
# people a second on the cluster (county.test.mjs makes 16 500 people).
check-citus: seamless $(UNIT_BINS) build/faultfs.so
	scripts/with-citus $(MAKE) --no-print-directory E2E_TIMEOUT=3600000 E2E_JOBS=1 unit e2e
# What make check runs on Citus (a few minutes, the build included): the
# schema classified and distributed, the router person read, audit verify
# and the move of a single-server database onto the cluster.
check-citus-smoke: seamless build/tests/test_citus_tables
	scripts/with-citus sh -c 'scripts/run-unit build/tests/test_citus_tables && \
	  node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/citus.test.mjs'

# DB may be a file or a PostgreSQL URL: make demo DB=postgresql://user@host/seamless
demo: seamless
	./seamless demo --db '$(DB)'
	./seamless serve --db '$(DB)' --listen $(LISTEN)

bench: seamless
	bench/run
	SEAMLESS_PG_FSYNC=on scripts/with-postgres sh -c 'BENCH_DB="$$SEAMLESS_TEST_DB" bench/run'
	bench/persons
	bench/import
	bench/discharge
	bench/fhir

# Fuzz targets are built with clang's libFuzzer and run briefly over the
# corpus in tests/fuzz/corpus/<target>/.
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
# Parsers of outside input that the fuzz targets link against (no I/O).
FUZZ_DEPS := $(sort $(wildcard src/domain/*.c src/hl7/*.c)) src/util/buf.c src/util/oom.c src/audit/checkpoint_line.c src/util/holidays_json.c src/util/table_rows.c src/fhir/search.c \
             $(wildcard src/http/form.c src/web/template.c)
# Compiled once for all the targets (instrumented, not yet linked with libFuzzer's main).
FUZZ_OBJ := $(patsubst %.c,build/fuzzobj/%.o,$(FUZZ_DEPS))
.SECONDARY: $(FUZZ_OBJ)
build/fuzzobj/%.o: %.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	clang $(WARN) $(DEFS) $(INC) -g -O1 -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<
build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	clang $(WARN) $(DEFS) $(INC) -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJ) -ljansson -lcsv -lm
# Part of check: replay the corpus, then a bounded run from a fixed seed, so
# check is repeatable (open-ended searching is `make fuzz`; add what it finds
# to tests/fuzz/corpus/<target>/ as a regression input).
fuzz-smoke: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); rm -rf build/fuzz/smoke-$$n; mkdir -p build/fuzz/smoke-$$n; \
	  $$f -seed=1 -runs=$${FUZZ_RUNS:-20000} build/fuzz/smoke-$$n tests/fuzz/corpus/$$n >build/fuzz/smoke-$$n.log 2>&1 \
	  || { cat build/fuzz/smoke-$$n.log; exit 1; }; echo "fuzz: $$n ok"; done
fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p build/fuzz/corpus-$$n; \
	  echo "fuzz: $$n"; $$f -max_total_time=$${FUZZ_SECONDS:-20} build/fuzz/corpus-$$n tests/fuzz/corpus/$$n || exit 1; done

# clang --analyze over every file of src/; findings not yet fixed are listed
# in scripts/layers/analyze-known, a list that only shrinks.
analyze: $(DEPS_STAMP)
	scripts/analyze

clean:
	rm -rf build seamless

-include $(shell find build -name '*.d' 2>/dev/null)
