#!/usr/bin/env bash
# onetrip's exported BPMN checked by bpmn.io's own tools (ctest bpmn.bpmnio and
# bpmn.render). Usage: run.sh check|render ONETRIP_TOOL OUT_DIR [PNG]
#   check   exports every Yuyao bundle in every engine (undated, dated, under
#           joint handling) and the bundles of a generated catalogue, then
#           bpmn-moddle and bpmnlint (recommended) check each file
#   render  draws the road-excavation bundle before and after the 2017 reform
#           with bpmn-js in headless Chromium, checks that every task and
#           gateway drew, and saves the side-by-side PNG (PNG, default
#           OUT_DIR/road-excavation.png; docs/images/bpmn-road-excavation.png
#           is made with it)
# Exit 77 (ctest: skipped) with what to install when node, the npm packages
# or Chromium are missing; .ci/run installs them, so CI never skips.
set -euo pipefail
# Under CI a missing tool is a failure, not a skip.
skip() {
  echo "SKIPPED: $*"
  [[ "${CI:-}" == true ]] && exit 1
  exit 77
}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=$1 tool=$2 out=$3
if ! command -v node > /dev/null; then
  skip "node is missing (Debian: apt-get install nodejs npm)"
fi
if [[ ! -d "$here/node_modules/bpmnlint" || ! -d "$here/node_modules/bpmn-js" ]]; then
  skip "bpmn.io's packages are missing: run (cd tests/bpmn && npm ci)"
fi
rm -rf "$out" && mkdir -p "$out"
catalog=$root/examples/yuyao-2017/catalog.json
case "$mode" in
  check)
    bundles=$(node -e 'for (const b of require(process.argv[1]).bundles) console.log(b.id)' "$catalog")
    # The same catalogue with every bundle under joint handling (第四十二条's 45 days).
    node -e 'const c = require(process.argv[1]); for (const b of c.bundles) b.handling = "joint";
             require("fs").writeFileSync(process.argv[2], JSON.stringify(c))' "$catalog" "$out/joint.json"
    "$tool" generate --matters 2000 --seed 7 > "$out/generated.json"
    for b in $bundles; do
      for e in plain flowable camunda; do
        "$tool" bpmn "$catalog" "$b" --engine "$e" > "$out/$b-$e.bpmn"
        "$tool" bpmn "$out/joint.json" "$b" --engine "$e" > "$out/$b-$e-joint.bpmn"
      done
      "$tool" bpmn "$catalog" "$b" --engine flowable --start 2017-09-29 > "$out/$b-dated.bpmn"
      "$tool" bpmn "$catalog" "$b" --before "$root/examples/yuyao-2017/before-2017.json" > "$out/$b-before.bpmn"
    done
    for b in $(node -e 'for (const b of require(process.argv[1]).bundles) console.log(b.id)' "$out/generated.json"); do
      "$tool" bpmn "$out/generated.json" "$b" --engine camunda > "$out/generated-$b.bpmn"
    done
    node "$here/check.mjs" "$out"/*.bpmn
    ;;
  render)
    if [[ ! -x /usr/bin/chromium ]]; then
      skip "Chromium is missing (Debian: apt-get install chromium)"
    fi
    "$tool" bpmn "$catalog" road-excavation --before "$root/examples/yuyao-2017/before-2017.json" > "$out/before.bpmn"
    # After: the catalogue with the bulletin's reforms in force (一窗受理, 住建 forwarding 公安's part).
    "$tool" asof "$catalog" 2017-09-01 --scenario "$root/examples/yuyao-2017/reforms-2017.json" > "$out/after.json"
    "$tool" bpmn "$out/after.json" road-excavation > "$out/after.bpmn"
    node "$here/render.mjs" "$out/before.bpmn" "$out/after.bpmn" "${4:-$out/road-excavation.png}"
    ;;
  *)
    echo "usage: run.sh check|render ONETRIP_TOOL OUT_DIR [PNG]" >&2
    exit 2
    ;;
esac
