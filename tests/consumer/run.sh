#!/usr/bin/env bash
# Installs the build tree into a fresh prefix and builds outside consumers
# against it: CMake projects through find_package(onetrip) — no component (both
# targets), COMPONENTS cpp, a C-only project (project(app C)) with COMPONENTS c,
# an unknown component — and a C99 program compiled with pkg-config alone.
# Checks what the package installs beside them: no private target, the docs.
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null

consumer() {  # consumer NAME SOURCE [cmake args…]: configure and build one consumer project
  local name=$1 src=$2
  shift 2
  cmake -S "$src" -B "$work/$name" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release "$@" \
    >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; echo "consumer $name: configure failed" >&2; exit 1; }
  cmake --build "$work/$name" -j2 >>"$work/$name.log" 2>&1 || {
    cat "$work/$name.log" >&2
    echo "consumer $name: build failed" >&2
    exit 1
  }
}

# No component: both targets.
consumer both "$here"
"$work/both/consumer_cpp"
"$work/both/consumer_c"
# The C++ library alone.
consumer cpp "$here" -DONETRIP_CONSUMER_COMPONENTS=cpp
"$work/cpp/consumer_cpp"
[[ ! -e $work/cpp/consumer_c ]]
# A C project: a C compiler only, and none of the C++ dependencies looked for.
consumer c-only "$here/c-only"
"$work/c-only/app"
if grep -Eqi "boost|absl|nlohmann|pugixml" "$work/c-only/CMakeCache.txt"; then
  grep -Ei "boost|absl|nlohmann|pugixml" "$work/c-only/CMakeCache.txt" >&2
  echo "the C-only consumer looked for a C++ dependency" >&2
  exit 1
fi
echo "C-only consumer (project(app C), COMPONENTS c): built and ran"
# An unknown component is an error that names it.
if cmake -S "$here/bad-component" -B "$work/bad-component" -DCMAKE_PREFIX_PATH="$prefix" >"$work/bad-component.log" 2>&1; then
  echo "find_package(onetrip COMPONENTS python) succeeded" >&2
  exit 1
fi
grep -q 'onetrip has no component "python"' "$work/bad-component.log" || {
  cat "$work/bad-component.log" >&2
  exit 1
}

# The private warnings target is not part of the package.
if grep -rq onetrip_warnings "$prefix"/lib*/cmake/onetrip; then
  echo "the installed CMake package mentions onetrip_warnings" >&2
  exit 1
fi
# Every document a public header points to is installed in share/doc/onetrip.
docs=$(grep -ohE 'docs/[A-Za-z0-9_.-]+\.(md|json)' "$source_dir/capi/onetrip.h" "$source_dir"/include/onetrip/*.hpp | sort -u)
[[ -n $docs ]]
for doc in $docs; do
  [[ -f $prefix/share/doc/onetrip/${doc#docs/} ]] || {
    echo "$doc, named in a header, is not installed in share/doc/onetrip" >&2
    exit 1
  }
done

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
