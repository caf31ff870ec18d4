#!/usr/bin/env python3
"""Writes a case log for 2016-12 .. 2017-07 consistent with the bulletin's two
July 2017 tables (volumes-2017-07-windows.csv for the main centre's windows,
volumes-2017-07-subcentres.csv for the sub-centres): `onetrip report` on it
reproduces every figure of both tables.

What the tables fix, the log keeps: cases received and completed in July and
in the year to date, split immediate/promised, and the fees of the month and
the year. What they leave open is filled by a stated rule: receipts spread
evenly over the working days of their months; cases completed oldest first;
a case completed in 2017 beyond what 2017 received was received in December
2016 (the 住建 and 不动产 rows show such carry-over); each period's fees on its
first completed case; the nine joint cases of the note (累计收件 9, 办结 9) at
住建, received and completed before July. Deterministic: the same log every run.

The tables' 税费收入 is one column, so the log's `fee` carries it whole; 财税's
receipts are taxes, and a report given catalog.json (where the 财税 department
`collects_taxes`) shows them as tax_m / tax_c apart from the fees.

    /usr/bin/python3 examples/yuyao-2017/make_cases.py > cases-2017.csv
"""
import csv
import datetime
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
MAIN_HALL = "余姚市行政服务中心"
# The department that answers at each sub-centre (the catalogue's windows there).
SUBCENTRE_WINDOW = {"交警分中心": "公安", "国税分中心": "财税", "农机分中心": "农林", "出入境分中心": "公安",
                    "人社分中心": "人社", "婚姻登记分中心": "民政", "泗门分中心": "市场监管局"}
JOINT_WINDOW, JOINT_CASES = "住建", 9


def fen(text: str) -> int:
    text = text.strip() or "0"
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def yuan(amount: int) -> str:
    return f"{amount // 100}.{amount % 100:02d}"


def workdays(year: int, month: int):
    day = datetime.date(year, month, 1)
    out = []
    while day.month == month:
        if day.weekday() < 5:
            out.append(day)
        day += datetime.timedelta(days=1)
    return out


def spread(count: int, months):
    """`count` dates spread evenly over the working days of the months, in order."""
    days = [d for (y, m) in months for d in workdays(y, m)]
    return [days[i * len(days) // count] for i in range(count)] if count else []


class Log:
    def __init__(self, out):
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(["case_id", "matter", "department", "hall", "kind", "received", "completed", "fee",
                              "joint"])
        self.number = 0

    def group(self, hall, window, kind, r_m, r_c, d_m, d_c, fee_july, fee_early, joint=0):
        """Cases of one hall, window and kind meeting the month and year-to-date figures."""
        before_july = r_c - r_m
        done_before_july = d_c - d_m
        carry = max(0, done_before_july - before_july, d_c - r_c)
        received = ([datetime.date(2016, 12, 28)] * carry + spread(before_july, [(2017, m) for m in range(1, 7)]) +
                    spread(r_m, [(2017, 7)]))
        completed = [None] * len(received)
        # Completed before July: the oldest received before July.
        for i in range(done_before_july):
            completed[i] = max(received[i], datetime.date(2017, 1, 3)) if received[i].year == 2016 else received[i]
        # Completed in July: the oldest still open, on a July day not before its receipt.
        july = workdays(2017, 7)
        opened = [i for i in range(len(received)) if completed[i] is None]
        if d_m > len(opened):
            raise SystemExit(f"{hall} {window} {kind}: {d_m} completed in July but only {len(opened)} open")
        for n, i in enumerate(opened[:d_m]):
            completed[i] = max(received[i], july[n * len(july) // max(d_m, 1)])
        july_done = [i for i in opened[:d_m]]
        early_done = list(range(done_before_july))
        for amount, cases, period in ((fee_july, july_done, "July"), (fee_early, early_done, "January-June")):
            if amount and not cases:
                raise SystemExit(f"{hall} {window}: fees in {period} but no case completed then")
        joint_left = joint
        for i, (r, c) in enumerate(zip(received, completed)):
            fee = 0
            if july_done and i == july_done[0]:
                fee = fee_july
            if early_done and i == early_done[0]:
                fee = fee_early
            is_joint = 1 if (joint_left and r.year == 2017 and c is not None and c.month < 7) else 0
            joint_left -= is_joint
            self.number += 1
            self.writer.writerow([f"YY{self.number:07d}", "", window, hall, kind, r.isoformat(),
                                  c.isoformat() if c else "", yuan(fee) if fee else "", is_joint])


def main(out=sys.stdout):
    log = Log(out)
    with open(HERE / "volumes-2017-07-windows.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["window"] == "合计":
                continue
            n = {k: int(v or 0) for k, v in row.items() if k not in ("window", "fee_m", "fee_c")}
            fee_m, fee_c = fen(row["fee_m"]), fen(row["fee_c"])
            joint = JOINT_CASES if row["window"] == JOINT_WINDOW else 0
            # Each period's fees ride with the promised cases completed in it, else the immediate ones.
            july_to_promised = n["done_m_prom"] > 0
            early_to_promised = n["done_c_prom"] - n["done_m_prom"] > 0
            early = fee_c - fee_m
            log.group(MAIN_HALL, row["window"], "immediate", n["recv_m_imm"], n["recv_c_imm"], n["done_m_imm"],
                      n["done_c_imm"], 0 if july_to_promised else fee_m, 0 if early_to_promised else early)
            log.group(MAIN_HALL, row["window"], "promised", n["recv_m_prom"], n["recv_c_prom"], n["done_m_prom"],
                      n["done_c_prom"], fee_m if july_to_promised else 0, early if early_to_promised else 0,
                      joint=joint)
    with open(HERE / "volumes-2017-07-subcentres.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["subcentre"].replace(" ", "") == "合计":
                continue
            hall = row["subcentre"]
            log.group(hall, SUBCENTRE_WINDOW[hall], "immediate", int(row["recv_m"]), int(row["recv_c"]),
                      int(row["done_m"]), int(row["done_c"]), fen(row["fee_m"]), fen(row["fee_c"]) - fen(row["fee_m"]))


if __name__ == "__main__":
    main()
