#!/usr/bin/env bash
# Installs the build tree into a fresh prefix and builds two outside consumers
# against it: a CMake project (find_package(onetrip), both targets) and a C99
# program compiled with pkg-config alone.
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null

cmake -S "$here" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/cmake-build" -j2 >/dev/null
"$work/cmake-build/consumer_cpp"
"$work/cmake-build/consumer_c"

pcdir=$(dirname "$(find "$prefix" -name onetrip.pc | head -n 1)")
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs onetrip)
libdir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir onetrip)
# shellcheck disable=SC2086
cc -std=c99 -pedantic -Wall -Wextra -Werror "$here/consumer.c" $flags -Wl,-rpath,"$libdir" -o "$work/consumer_pkgconfig"
"$work/consumer_pkgconfig"
# The C example, as its comment says to build it.
# shellcheck disable=SC2086
cc -std=c99 -pedantic -Wall -Wextra -Werror "$here/../../examples/c/yuyao.c" $flags -Wl,-rpath,"$libdir" \
  -o "$work/yuyao"
"$work/yuyao" "$here/../../examples/yuyao-2017/catalog.json"
echo "consumers built and ran against $prefix"
