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
# What the bulletin's reforms saved, from the centre before them, at July 2017 volumes.
run whatif examples/yuyao-2017/catalog.json examples/yuyao-2017/reforms-2017.json \
  --before examples/yuyao-2017/before-2017.json \
  --volumes examples/yuyao-2017/volumes-2017-07-windows.csv --volumes examples/yuyao-2017/bundle-volumes-2017-07.csv
# The July 2017 report, from a case log consistent with the bulletin's tables.
mkdir -p build
/usr/bin/python3 examples/yuyao-2017/make_cases.py > build/cases-2017.csv
run report --cases build/cases-2017.csv --month 2017-07 --catalog examples/yuyao-2017/catalog.json
