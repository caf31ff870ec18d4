# The front door. CMake (CMakePresets.json) is the build; these are shortcuts.
#   make demo   install what is missing, build only what the demo runs (the library and the tool, then
#               the Python module) and run it on the bundled example: the tool's output comes first
#   make test   install what is missing, build everything (tests, benchmarks), run every test via ctest
#   make bench  the benchmarks, quick (BENCH_FULL=1 for the full sizes)
#   make asan   the tests under AddressSanitizer + UBSan (pytest too: the runtime preloaded into /usr/bin/python3)
#   make tsan   the threads tests (C++, C and Python) under ThreadSanitizer
#   make large  the large-input tests (a 1 GB catalogue, 10^7 case records, 5,000 calendar years)
#   make abi    the C ABI against its committed baseline (abi-dumper, abi-compliance-checker)
#   make fuzz   the libFuzzer targets, FUZZ_SECONDS each
#   make format clang-format every C and C++ file (make format-check: fail on a difference, as CI does)
.PHONY: all deps build demo test bench asan tsan large abi fuzz format format-check clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset dev
	cmake --build --preset dev

# The tool's part first, as soon as the library and the tool are built; then the
# Python module and its part. Nothing else (tests, benchmarks) is built.
demo: deps
	cmake --preset dev
	cmake --build --preset dev --target onetrip_tool
	@scripts/demo.sh build/bin/onetrip
	cmake --build --preset dev --target onetrip_python
	@scripts/demo.sh --python build/python

test: build
	ctest --preset dev

asan: deps
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

bench: deps
	cmake --preset release
	cmake --build --preset release --target onetrip_bench onetrip_python
	BENCH_FULL=$(BENCH_FULL) scripts/bench.sh build-release/bin/onetrip_bench

large: build
	ctest --preset large

abi: deps
	scripts/abi-check.sh

tsan: deps
	cmake --preset tsan
	cmake --build --preset tsan
	ctest --preset tsan

# Each fuzz target for FUZZ_SECONDS (default 30), seeded from the examples and tests/data.
FUZZ_SECONDS ?= 30
fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz
	scripts/fuzz.sh build-fuzz/bin $(FUZZ_SECONDS)

format: deps
	@scripts/format.sh

format-check: deps
	@scripts/format.sh --check

clean:
	rm -rf build build-release build-asan build-tsan build-fuzz build-abi
