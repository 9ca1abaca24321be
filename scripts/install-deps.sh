#!/usr/bin/env bash
# File: scripts/install-deps.sh
# Installs exactly the Debian packages nercore needs to build, run its examples and run its tests.
# Idempotent: packages already installed are skipped, and `apt-get update` runs only when something
# is missing. Works as root or through sudo.
#
# Usage: scripts/install-deps.sh [--print] [--bench]
#   --print   list the packages and whether each is installed; install nothing
#   --bench   also the optional benchmark group: Google Benchmark and the peers that
#             scripts/bench-compare.sh runs (Hyperscan, ripgrep, hyperfine); not needed otherwise
set -euo pipefail

PRINT=0
BENCH=0
for arg in "$@"; do
  case "$arg" in
    --print) PRINT=1 ;;
    --bench) BENCH=1 ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

PACKAGES=(
  # toolchain
  g++ cmake ninja-build make pkgconf
  # libraries the library links
  libicu-dev libre2-dev libboost-graph-dev libfmt-dev
  # the extractor and JSON; mimalloc, the programs' allocator (NERCORE_MIMALLOC)
  libcli11-dev nlohmann-json3-dev libmimalloc-dev
  # tests (python3-igraph reads the GraphML; chromium renders the HTML report headless)
  catch2 libxml2-utils python3 python3-networkx python3-igraph chromium
  # Python bindings (pybind11) and their tests (pytest; Dask for examples/dask_corpus.py)
  pybind11-dev python3-dev python3-pytest python3-distributed python3-dask
  # reliability: libFuzzer targets (clang, compiler-rt), peak RSS (/usr/bin/time), setpriv
  clang libclang-rt-14-dev time util-linux
)
# Optional (--bench): the benchmarks (NERCORE_BUILD_BENCHMARKS) and the peers of ../shared/bench.
BENCH_PACKAGES=(libbenchmark-dev libhyperscan-dev ripgrep hyperfine bc)
if [[ $BENCH == 1 ]]; then PACKAGES+=("${BENCH_PACKAGES[@]}"); fi

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  if [[ $status == "install ok installed" ]]; then
    [[ $PRINT == 1 ]] && echo "installed  $p"
  else
    [[ $PRINT == 1 ]] && echo "missing    $p"
    missing+=("$p")
  fi
done
[[ $PRINT == 1 ]] && exit 0
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present" >&2
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when apt cannot find a missing package.
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
