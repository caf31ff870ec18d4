#!/usr/bin/env python3
"""What the Yuyao bulletin's reforms save, at July 2017 volumes.

Starts from the centre before the reforms the July 2017 bulletin reports
(before-2017.json), applies them all (reforms-2017.json: roadmap-2017.json
without its days — 三小 registration on the spot, 产地证 by post, 规划 at 泗门
by EMS with 容缺受理, 多证合一, the 安监 merged review, 环保 online and by
express, one window for road excavation, 商事登记 online, 公章刻制备案 online
and its fee abolished, the 水利 one-project package, the 环评 filing), and
prints the trips and applicant working days saved per month, matter by
matter, at the volumes the bulletin gives (volumes-2017-07.csv; each one's
source in volumes-2017-07-sources.csv, with the cases it leaves unassigned),
with a chart of trips per matter before and after.

    PYTHONPATH=build/python /usr/bin/python3 examples/yuyao-2017/whatif.py [--chart whatif.png]
"""
import argparse
import pathlib

import onetrip

HERE = pathlib.Path(__file__).resolve().parent


def main() -> onetrip.Comparison:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chart", default="whatif.png", help="where to save the chart (PNG)")
    args = parser.parse_args()

    # The three lines an analyst writes:
    before = onetrip.Catalog.load(HERE / "catalog.json").apply(HERE / "before-2017.json")
    after = before.apply(HERE / "reforms-2017.json")
    result = onetrip.compare(before, after, volumes=HERE / "volumes-2017-07.csv")

    print(result.summary())
    print()
    print(unassigned())
    print()
    print(result.to_pandas("departments").to_string())
    chart(result, args.chart)
    print(f"\nchart: {args.chart}")
    return result


def unassigned() -> str:
    """The cases of the bulletin's July tables no matter is given (volumes-2017-07-sources.csv): each
    sub-centre on its line, the main centre's windows on one."""
    import csv

    with open(HERE / "volumes-2017-07-sources.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["basis"] == "unassigned"]
    lines = [f"unassigned: {sum(float(r['row_cases']) for r in rows):.1f} cases of the bulletin's July tables"]
    windows = [r for r in rows if not r["row"].endswith("分中心")]
    lines += [f"  {float(r['row_cases']):>8.0f}  {r['source'][:100]}" for r in rows if r["row"].endswith("分中心")]
    lines.append(f"  {sum(float(r['row_cases']) for r in windows):>8.0f}  the main centre's windows but 环保 and the 水利 "
                 "project: " + ", ".join(f"{r['row']} {float(r['row_cases']):.0f}" for r in windows))
    return "\n".join(lines)


def chart(result: onetrip.Comparison, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    changed = result.to_pandas(changed_only=True)
    bundles = result.to_pandas("bundles", changed_only=True)
    labels = list(changed.index) + [f"bundle {b}" for b in bundles.index]
    before = list(changed.trips_before) + list(bundles.trips_before)
    after = list(changed.trips_after) + list(bundles.trips_after)
    fig, ax = plt.subplots(figsize=(10, 0.35 * len(labels) + 1.5))
    y = range(len(labels))
    ax.barh([i + 0.2 for i in y], before, height=0.4, label="before", color="#bbbbbb")
    ax.barh([i - 0.2 for i in y], after, height=0.4, label="after", color="#2b7bba")
    ax.set_yticks(list(y))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("trips per case")
    ax.set_title("Yuyao, July 2017: trips per case before and after the reforms\n"
                 f"{result.trips_saved:.0f} trips and {result.days_saved:.0f} applicant working days saved a month")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


if __name__ == "__main__":
    main()
