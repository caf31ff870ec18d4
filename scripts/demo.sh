#!/usr/bin/env bash
# What `make demo` shows: the onetrip tool on the bundled example, then (with
# --python, once the module is built) the same example from Python.
#   scripts/demo.sh [build/bin/onetrip]
#   scripts/demo.sh --python [build/python]
set -euo pipefail
if [[ "${1:-}" == --python ]]; then
  pythonpath=${2:-build/python}
  mkdir -p build
  py() { echo "\$ python3 $*"; PYTHONPATH="$pythonpath" /usr/bin/python3 "$@"; echo; }
  # What the bulletin's reforms saved, from Python: three lines and a chart.
  py examples/yuyao-2017/whatif.py --chart build/whatif.png
  # The 2017 roadmap as a chart, each reform's day marked (examples/yuyao-2017/roadmap-2017.png is this one).
  py examples/yuyao-2017/roadmap_chart.py --chart build/roadmap-2017.png
  # The July 2017 report from the case log, as a DataFrame, and pandas' own reading of the log added as columns.
  py - <<'PY'
import pandas as pd
import onetrip
report = onetrip.Report(catalog=onetrip.Catalog.load("examples/yuyao-2017/catalog.json"))
report.add_frame(pd.read_csv("build/cases-2017.csv"))
print(report)
print(report.finish(2017, 7).to_pandas("halls")[["recv_m", "done_m", "fee_m", "pending"]].to_string())
PY
  exit 0
fi
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
# The one-time notice (一次性告知) for three applicants of the bulletin: a 小餐饮店 of 40 m² (the
# business licence and the food registration in one visit), one of 60 m² (over the 50 m² limit:
# the 食品经营许可证 instead), and a rental filing for a house without legal proof ("不得办理").
run notice examples/yuyao-2017/catalog.json sanxiao --answer business=小餐饮店 --answer area=40 --answer foods= \
  --start 2017-07-03
run notice examples/yuyao-2017/catalog.json sanxiao --answer business=小餐饮店 --answer area=60 --answer foods=
run notice examples/yuyao-2017/catalog.json 330281-FW-01 --answer legal_proof=否
# What the bulletin's reforms saved, from the centre before them, at the July 2017 volumes the
# bulletin gives (the source of each, and the cases left unassigned: volumes-2017-07-sources.csv).
run whatif examples/yuyao-2017/catalog.json examples/yuyao-2017/reforms-2017.json \
  --before examples/yuyao-2017/before-2017.json --volumes examples/yuyao-2017/volumes-2017-07.csv
# The same reforms on their days: 2017 month by month, what each reform saved and the indicators.
run roadmap examples/yuyao-2017/catalog.json examples/yuyao-2017/roadmap-2017.json \
  --before examples/yuyao-2017/before-2017.json --from 2017-01 --to 2017-12 \
  --volumes examples/yuyao-2017/volumes-2017-07.csv
# The July 2017 report, from a case log consistent with the bulletin's tables.
mkdir -p build
/usr/bin/python3 examples/yuyao-2017/make_cases.py > build/cases-2017.csv
run report --cases build/cases-2017.csv --month 2017-07 --catalog examples/yuyao-2017/catalog.json
