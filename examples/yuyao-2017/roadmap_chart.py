#!/usr/bin/env python3
"""The Yuyao 2017 roadmap, month by month, as a chart (roadmap-2017.png).

The centre at the start of 2017 (catalog.json with before-2017.json), the
bulletin's reforms on their days (roadmap-2017.json), weighted by the July
2017 volumes the bulletin gives (volumes-2017-07.csv; the source of each one,
and what is assumed, in volumes-2017-07-sources.csv). Top: the trips saved per
month, stacked by reform, with the 最多跑一次 实现率. Bottom: the same
reforms per case (every matter in force one case a month), so that the reforms
whose volumes the bulletin does not give show too. Each reform's day is marked.

    PYTHONPATH=build/python /usr/bin/python3 examples/yuyao-2017/roadmap_chart.py [--chart roadmap-2017.png]
"""
import argparse
import datetime
import pathlib

import onetrip

HERE = pathlib.Path(__file__).resolve().parent

# Short English names for the chart (its font has no Chinese), by the reform's kind and first id as the
# roadmap labels it ("express_delivery 330281-HB-01,…"); several reforms of one change share a name.
NAMES = {
    "immediate 330281-SC-05": "small food shops: registration on the spot",
    "single_window sanxiao": "small food shops: registration on the spot",
    "postal_application 330281-SW-01": "origin certificates by post",
    "express_delivery 330281-SW-01": "origin certificates by post",
    "tolerant_acceptance 330281-GH-01": "planning (Simen) by EMS",
    "express_delivery 330281-GH-01": "planning (Simen) by EMS",
    "online_payment 330281-GA-03": "passports: Alipay",
    "period: 330281-SW-01": "origin certificates: invoice data asked",
    "absorb 330281-GA-05": "multi-licence merge",
    "merge_serial anjian-hazchem": "hazardous chemicals: merged review",
    "online_application 330281-HB-01": "environment: online, by express",
    "express_delivery 330281-HB-01": "environment: online, by express",
    "online_application 330281-HB-11": "environment: online, by express",
    "single_window road-excavation": "road excavation: one window",
    "joint_inspection road-excavation": "road excavation: one window",
    "internal_edge road-excavation": "road excavation: one window",
    "online_application 330281-SC-01": "commercial registration online",
    "online_application 330281-GA-02": "seal filing online",
    "electronic_licence 330281-GA-02": "seal filing online",
    "online_payment 330281-GA-02": "seal filing online",
    "single_window shuili-project": "water: one project, one trip",
    "express_delivery shuili-project": "water: one project, one trip",
    "fee 330281-GA-02": "seal filing: fee abolished",
    "filing 330281-HB-11": "EIA filing (catering etc.)",
}


# One colour per name, the same in both panels.
COLOURS = {n: i for i, n in enumerate(dict.fromkeys(NAMES.values()))}


def short_name(label: str) -> str:
    """The chart's name of a reform; an unnamed one is an error, not a reform left out of the chart."""
    key = label.split(",")[0]
    if key.startswith("period: "):
        key = " ".join(key.split()[:2])
    if key not in NAMES:
        raise SystemExit(f"roadmap_chart.py: no name for the reform {label!r} (add it to NAMES)")
    return NAMES[key]


def load():
    before = onetrip.Catalog.load(HERE / "catalog.json").apply(HERE / "before-2017.json")
    weighted = before.roadmap(HERE / "roadmap-2017.json", "2017-01", "2017-12", volumes=HERE / "volumes-2017-07.csv")
    per_case = before.roadmap(HERE / "roadmap-2017.json", "2017-01", "2017-12")
    return weighted, per_case


def stacked(ax, roadmap, title):
    import matplotlib

    table = roadmap.by_reform("trips_saved")
    labels = list(roadmap.reforms["label"])
    groups = {}
    for column, label in zip(table.columns, labels):
        short = short_name(label)
        if table[column].any():
            groups[short] = groups.get(short, 0) + table[column]
    bottom = None
    for name, values in groups.items():
        ax.bar(table.index, values.to_numpy(), width=27, align="edge", bottom=bottom, label=name,  # the month's days
               color=matplotlib.colormaps["tab20"](COLOURS[name]))
        bottom = values.to_numpy() if bottom is None else bottom + values.to_numpy()
    for day in sorted(set(roadmap.reforms["effective_from"])):
        ax.axvline(datetime.datetime.combine(day, datetime.time()), color="grey", linestyle=":", linewidth=1)
        ax.annotate(f"{day:%m-%d}", (datetime.datetime.combine(day, datetime.time()), 1), xycoords=("data", "axes fraction"),
                    rotation=90, va="top", ha="right", fontsize=7, color="grey")
    ax.set_title(title, fontsize=10)
    ax.set_ylabel("trips saved per month")
    ax.legend(loc="center left", bbox_to_anchor=(1.1, 0.5), fontsize=7)
    share = ax.twinx()
    months = roadmap.to_pandas()
    share.plot(months.index, 100 * months["share_at_most_one_trip"], color="black", marker="o", markersize=3,
               label="at most one trip (%)")
    share.set_ylim(0, 105)
    share.set_ylabel("at most one trip (%)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chart", default=str(HERE / "roadmap-2017.png"), help="where to save the chart (PNG)")
    args = parser.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    weighted, per_case = load()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(12, 8), sharex=True)
    stacked(top, weighted, "Yuyao 2017 at the July volumes the bulletin gives (dotted: each reform's day)")
    stacked(bottom, per_case, "The same reforms per case: every matter and bundle in force, one case a month")
    fig.tight_layout()
    fig.savefig(args.chart, dpi=80)
    plt.close(fig)
    print(weighted.to_pandas()[["trips_saved", "days_saved", "share_at_most_one_trip", "share_zero_trips"]]
          .round(3).to_string())
    print(f"chart: {args.chart}")


if __name__ == "__main__":
    main()
