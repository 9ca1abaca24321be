# nercore — a thin layer over the CMake presets (CMakePresets.json).
#   make demo    install dependencies, build (Release), extract the sample articles into out/
#   make test    install dependencies, build with tests, run the whole test suite
#                (plain, then ASan+UBSan, then the concurrency tests under TSan, then each
#                libFuzzer target for FUZZ_SECONDS)
#   make test-large  10 MB and 200 MB inputs through the Release extractor: peak RSS and time
#   make eval    build (Release), then score the seed articles, the sample articles and the external
#                NER corpora of ../shared (scripts/eval.sh; docs/EVALUATION.md)
# They call scripts/install-deps.sh first, which installs only what is missing.
# docs/RELIABILITY.md says what the sanitizer, fuzz and large-input steps cover.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
EXTRACT := build/release/examples/nercore-extract
FUZZ_SECONDS ?= 45

.PHONY: demo test deps build test-dev test-asan test-tsan test-fuzz test-large eval bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

demo: build
	@mkdir -p out
	$(EXTRACT) --gazetteers gazetteers/fr --out-dir out --summary examples/articles

test: deps test-dev test-asan test-tsan test-fuzz

test-dev:
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)
	ctest --preset dev

test-asan:
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --preset asan

test-tsan:
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j $(JOBS) --target nercore_tests
	TSAN_OPTIONS=halt_on_error=1 ctest --preset tsan

# clang++ -fsanitize=fuzzer,address,undefined (the fuzz preset); each target FUZZ_SECONDS, two at
# a time, from seeds made of the sample articles and gazetteers (tests/fuzz/README.md).
test-fuzz:
	bash tests/fuzz/run.sh -t $(FUZZ_SECONDS)

test-large: build
	bash tests/reliability/large_input.sh --text $(EXTRACT) . build/large "" 10 200

eval: build
	bash scripts/eval.sh $(EXTRACT)

# make bench: installs the peers' packages (scripts/install-deps.sh --bench), builds the bench
# preset, then runs scripts/bench-compare.sh (nercore and the peers of ../shared/bench on the same
# 100 MB corpus; BENCH_ARGS="--bytes 20000000 --runs 1" for a quick run). See docs/PERFORMANCE.md.
BENCH_ARGS ?=
bench:
	@bash scripts/install-deps.sh --bench
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS)
	bash scripts/bench-compare.sh $(BENCH_ARGS)

clean:
	rm -rf build out
