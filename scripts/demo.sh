#!/usr/bin/env bash
# What `make demo` shows: the onetrip tool on the bundled example.
set -euo pipefail
tool=${1:-build/bin/onetrip}
run() { echo "\$ onetrip $*"; "$tool" "$@"; echo; }
# A promised matter of 20 working days accepted the Friday before the 2017 National Day week.
run deadline --start 2017-09-29 --days 20
run calendar 2017-10
# The bundled example: the Yuyao service centre's catalogue as of the July 2017 bulletin,
# evaluated for applications accepted on Monday 3 July 2017.
run validate examples/yuyao-2017/catalog.json
run evaluate examples/yuyao-2017/catalog.json --start 2017-07-03
run audit examples/yuyao-2017/catalog.json
