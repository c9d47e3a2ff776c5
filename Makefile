# tidings: one library of modules (libtidings.a) and a thin `tidings` binary.
#
#   make                    build/tidings
#   make test               build and run every test (ends "N passed, N failed")
#   make SANITIZER=address,undefined test    the same under ASan+UBSan (build/san)
#   make ci                 both of the above, one summary line
#   make demo               ingest the bundled sample feeds and list them
#   make bench              benchmarks against their references (bench/README.md)
#   make check              header self-containment and layering checks

SANITIZER ?=
ifeq ($(SANITIZER),)
BUILD ?= build
SANFLAGS :=
else
BUILD ?= build/san
SANFLAGS := -fsanitize=$(SANITIZER) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

CC ?= cc
PKGS := libxml-2.0 libcurl sqlite3 jansson libutf8proc libmicrohttpd zlib
OPT ?= -O2 -g
CFLAGS_ALL := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-missing-field-initializers \
	-Isrc $(shell pkg-config --cflags $(PKGS)) $(OPT) $(SANFLAGS) $(CFLAGS)
LDLIBS_ALL := $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -lpthread $(LDLIBS)
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)

ALL_C := $(wildcard src/*/*.c)
TEST_C := $(filter %_test.c,$(ALL_C))
LIB_C := $(filter-out %_test.c,$(ALL_C))
LIB_O := $(LIB_C:%.c=$(BUILD)/%.o)
TEST_O := $(TEST_C:%.c=$(BUILD)/%.o) $(BUILD)/tests/unit_main.o $(BUILD)/unit_registry.o

.PHONY: all test ci demo bench check clean
all: $(BUILD)/tidings

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/libtidings.a: $(LIB_O)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tidings: $(BUILD)/src/main.o $(BUILD)/libtidings.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/unit_registry.c: $(TEST_C) tools/gen-unit-registry.sh
	@mkdir -p $(dir $@)
	tools/gen-unit-registry.sh $(TEST_C) > $@

$(BUILD)/unit_registry.o: $(BUILD)/unit_registry.c
	$(CC) $(CFLAGS_ALL) -Itests -c -o $@ $<

$(BUILD)/tests/unit_main.o: tests/unit_main.c tests/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -c -o $@ $<

$(TEST_C:%.c=$(BUILD)/%.o): CFLAGS_ALL += -Itests

$(BUILD)/unit-tests: $(TEST_O) $(BUILD)/libtidings.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

test: $(BUILD)/tidings $(BUILD)/unit-tests
	tests/run-all.sh $(BUILD)

ci:
	$(MAKE) $(BUILD)/tidings $(BUILD)/unit-tests
	$(MAKE) SANITIZER=address,undefined build/san/tidings build/san/unit-tests
	tests/run-all.sh build build/san

demo: $(BUILD)/tidings
	tools/demo.sh $(BUILD)/tidings

bench: $(BUILD)/tidings
	$(MAKE) -C bench BUILD=$(abspath $(BUILD))

check:
	tools/check-headers.sh
	tools/check-deps.sh

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
