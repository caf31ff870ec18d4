#!/usr/bin/python3
"""Writes the test exports of tests/data/listing from one table of matters worked by hand.

The same 36 matters go out as a platform would export them, in two code variants:
  numeric/  national element names as headers, numeric codes (task_type 01, is_need 1 …)
  labels/   Chinese headers, Chinese labels (行政许可, 必要 …)
  gb18030/  the labels variant with basic.csv and materials.csv encoded in GB18030
            (extend.csv with a UTF-8 byte order mark)
and expected.json, the onetrip/1 catalogue they must import to, built here from the same
hand-worked table with the mapping rules of docs/listing-import.md written out again (not
by the library). The XLSX variant is written by the tests with openpyxl (no binary committed).

Run: /usr/bin/python3 tests/data/listing/make_listing.py   (deterministic; the output is committed)
"""
import csv
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# Departments: (dept_code, dept_name).
DEPTS = [
    ("11330281MB0001", "余姚市公安局"),
    ("11330281MB0002", "余姚市市场监督管理局"),
    ("11330281MB0003", "余姚市住房和城乡建设局"),
    ("11330281MB0004", "余姚市民政局"),
    ("11330281MB0005", "余姚市人力资源和社会保障局"),
]
CENTRE = "余姚市行政服务中心"
SIMEN = "泗门分中心"
TOWN = "梨洲街道便民服务中心"

# Materials: (name, source label, issuer).
MATS = [
    ("居民身份证", "政府部门核发", "公安机关"),
    ("申请表", "申请人自备", ""),
    ("营业执照", "政府部门核发", "市场监管部门"),
    ("户口簿", "政府部门核发", "公安机关"),
    ("房屋权属证明", "政府部门核发", "不动产登记机构"),
    ("授权委托书", "申请人自备", ""),
    ("施工图设计文件审查合格书", "其他", "施工图审查机构"),
    ("近期免冠照片", "申请人自备", ""),
    ("婚姻状况证明", "政府部门核发", "民政部门"),
    ("劳动合同", "申请人自备", ""),
    ("银行开户证明", "其他", "开户银行"),
    ("章程", "申请人自备", ""),
]

KINDS = ["行政许可", "行政确认", "公共服务", "其他行政权力", "行政给付", "行政裁决", "行政奖励"]
KIND_CODE = {"行政许可": "01", "行政处罚": "02", "行政强制": "03", "行政征收": "04", "行政给付": "05",
             "行政检查": "06", "行政确认": "07", "行政奖励": "08", "行政裁决": "09", "其他行政权力": "10",
             "公共服务": "21"}
YES = {"numeric": "1", "labels": "是"}
NO = {"numeric": "0", "labels": "否"}
FORMAT = {"paper": ("1", "纸质"), "electronic": ("2", "电子"), "either": ("3", "纸质/电子")}
NEED = {"required": ("1", "必要"), "optional": ("2", "非必要"), "tolerable": ("3", "容缺后补")}
SOURCE = {"申请人自备": ("1", "applicant"), "政府部门核发": ("2", "government"), "其他": ("3", "third_party")}
MTYPE = {True: ("1", "原件"), False: ("2", "复印件")}
UNIT = {"workdays": ("1", "工作日"), "natural_days": ("2", "自然日")}
DEPTH = ["互联网咨询", "互联网收件", "互联网预审", "互联网受理", "互联网办理", "互联网办理结果信息反馈",
         "互联网电子证照反馈"]


def matters():
    """36 matters worked by hand: a deterministic walk over the combinations that matter."""
    out = []
    for i in range(36):
        dept = DEPTS[i % 5]
        immediate = i % 4 == 0
        promised = 0 if immediate else [1, 3, 5, 7, 10, 15, 20][i % 7]
        legal = None if i % 6 == 5 else (promised * 2 if promised else 5)
        unit = "natural_days" if i % 11 == 7 else "workdays"
        online = ["none", "pre_review", "full"][i % 3]
        mats = []
        for k in range(2 + i % 4):
            name, source, issuer = MATS[(i * 3 + k * 5) % len(MATS)]
            if any(m[0] == name for m in mats):
                continue
            form = ["paper", "either", "electronic"][(i + k) % 3]
            original = (i + k) % 3 == 0
            necessity = "tolerable" if (i + k) % 7 == 3 else "optional" if (i + k) % 9 == 4 else "required"
            condition = "委托办理时提供" if name == "授权委托书" else ""
            mats.append((name, source, issuer, form, original, necessity, condition))
        halls = [CENTRE] if i % 5 != 2 else [CENTRE, SIMEN] if i % 2 else [TOWN]
        out.append({
            "code": f"11330281MB000{i % 5 + 1}{i:03d}" + "0" * 12 if i % 7 else f"330281-{i:03d}",
            "name": f"测试事项{i:02d}（{dept[1][3:]}）",
            "dept": dept,
            "kind": KINDS[i % len(KINDS)],
            "immediate": immediate,
            "promised": promised,
            "legal": legal,
            "unit": unit,
            "fee": [0, 0, 20000, 1250, 0][i % 5] if not immediate or i % 8 == 0 else 0,
            "online": online,
            "licence": i % 10 == 3,
            "postal": i % 9 == 2,
            "express": i % 2 == 1,
            "pay_online": i % 5 == 2,
            "declared": None if i % 13 == 12 else [0, 1, 1, 2][i % 4],
            "presence": "申请人须本人到场签字" if i % 12 == 6 else "",
            "special": [("专家评审", 10)] if i % 10 == 4 else [("听证", 5), ("检测", 3)] if i % 17 == 9 else [],
            "effective": "2017-07-01" if i % 6 == 1 else None,
            "halls": halls,
            "materials": mats,
        })
    return out


def basic_rows(ms, variant):
    numeric = variant == "numeric"
    header = (["task_code", "task_name", "catalog_code", "task_type", "dept_code", "dept_name", "anticipate_day",
               "anticipate_type", "promise_day", "promise_type", "special_procedure", "is_fee", "project_type",
               "handle_type", "limit_scene_num", "limit_scene_explain", "transact_addr", "plan_effective_date",
               "by_law"] if numeric else
              ["实施编码", "事项名称", "基本编码", "事项类型", "实施主体编码", "实施主体", "法定办结时限", "法定办结时限单位",
               "承诺办结时限", "承诺办结时限单位", "特别程序", "是否收费", "办件类型", "办理形式", "到办事现场次数",
               "必须现场办理原因说明", "办理地点", "计划生效日期", "设定依据"])
    rows = []
    for m in ms:
        handle = [("1", "窗口办理")]
        if m["online"] != "none":
            handle.append(("2", "网上办理"))
        if m["postal"]:
            handle.append(("3", "快递申请"))
        rows.append([
            m["code"], m["name"], "000104002000",
            KIND_CODE[m["kind"]] if numeric else m["kind"],
            m["dept"][0], m["dept"][1],
            "" if m["legal"] is None else str(m["legal"]),
            UNIT[m["unit"]][0 if numeric else 1],
            str(m["promised"]),
            UNIT[m["unit"]][0 if numeric else 1],
            "；".join(f"{n}:{d}" for n, d in m["special"]) if m["special"] else ("" if numeric else "无"),
            (YES if m["fee"] else NO)[variant],
            ("1" if m["immediate"] else "2") if numeric else ("即办件" if m["immediate"] else "承诺件"),
            ",".join(h[0 if numeric else 1] for h in handle),
            "" if m["declared"] is None else (str(m["declared"]) if numeric else f"{m['declared']}次"),
            m["presence"],
            "；".join(m["halls"]),
            (m["effective"] or "") + (" 00:00:00" if m["effective"] and not numeric else ""),
            "《中华人民共和国行政许可法》",
        ])
    return header, rows


def extend_rows(ms, variant):
    numeric = variant == "numeric"
    header = (["task_code", "is_express", "is_online", "is_pay_online", "online_handle_depth", "is_entry_center",
               "handle_area"] if numeric else
              ["实施编码", "是否支持物流快递", "是否网办", "是否支持网上支付", "网上办理深度", "是否进驻政务大厅", "通办范围"])
    rows = []
    for m in ms:
        levels = {"none": [1], "pre_review": [1, 2, 3], "full": [1, 2, 3, 4, 5, 6]}[m["online"]]
        if m["licence"]:
            levels = levels + [7]
        depth = "^".join(str(v) if numeric else DEPTH[v - 1] for v in levels)
        rows.append([m["code"], (YES if m["express"] else NO)[variant],
                     (YES if m["online"] != "none" else NO)[variant], (YES if m["pay_online"] else NO)[variant],
                     depth, YES[variant], "1" if numeric else "全市"])
    return header, rows


def material_rows(ms, variant):
    numeric = variant == "numeric"
    header = (["task_code", "material_name", "material_type", "material_format", "page_num", "is_need",
               "source_type", "source_explain", "fill_explain"] if numeric else
              ["实施编码", "材料名称", "材料类型", "材料形式", "纸质材料份数", "材料必要性", "来源渠道", "来源渠道说明", "填报须知"])
    rows = []
    for m in ms:
        for name, source, issuer, form, original, necessity, condition in m["materials"]:
            k = 0 if numeric else 1
            rows.append([m["code"], name, MTYPE[original][k], FORMAT[form][k], "1", NEED[necessity][k],
                         SOURCE[source][0] if numeric else source, issuer, condition])
    return header, rows


def fee_rows(ms, variant):
    numeric = variant == "numeric"
    header = ["task_code", "fee_name", "fee_stand"] if numeric else ["实施编码", "收费项目名称", "收费标准"]
    rows = []
    for m in ms:
        if m["fee"]:
            yuan = m["fee"] // 100
            fen = m["fee"] % 100
            text = f"{yuan}.{fen:02d}" if fen else str(yuan)
            rows.append([m["code"], "工本费", text if numeric else text + "元"])
    return header, rows


def expected(ms):
    """The catalogue the exports import to, by the rules of docs/listing-import.md."""
    halls, depts, materials, matters = [], [], [], []
    hall_ids, dept_index, mat_index = {}, {}, {}

    def hall(text):
        if text not in hall_ids:
            kind = "township" if "便民服务" in text else "subcentre" if "分中心" in text else "centre"
            h = {"id": text, "name": text, "address": text}
            if kind != "centre":
                h["kind"] = kind
            hall_ids[text] = h
            halls.append(h)
        return text

    for m in ms:
        hs = [hall(h) for h in m["halls"]]
        code, name = m["dept"]
        if code not in dept_index:
            dept_index[code] = {"id": code, "name": name, "halls": []}
            depts.append(dept_index[code])
        d = dept_index[code]
        for h in hs:
            if h not in d["halls"]:
                d["halls"].append(h)
        uses = []
        for mname, source, issuer, form, original, necessity, condition in m["materials"]:
            src = SOURCE[source][1]
            key = (mname, src)
            if key not in mat_index:
                mid = mname if src == "applicant" else f"{mname}（{source}）"
                mat = {"id": mid, "name": mname}
                if form != "paper":
                    mat["form"] = form
                if original:
                    mat["original"] = True
                if src != "applicant":
                    mat["source"] = src
                if issuer:
                    mat["issuer"] = issuer
                if necessity != "required":
                    mat["necessity"] = necessity
                if condition:
                    mat["condition"] = condition
                mat_index[key] = mat
                materials.append(mat)
            mat = mat_index[key]
            use = {"material": mat["id"]}
            use["form"] = form
            use["original"] = original
            use["necessity"] = necessity
            if condition:
                use["condition"] = condition
            uses.append(use)
        out = {
            "code": m["code"], "name": m["name"], "department": code, "kind": m["kind"],
            "project_type": "immediate" if m["immediate"] else "promised",
        }
        if m["legal"] is not None:
            out["anticipate_day"] = m["legal"]
            if m["unit"] != "workdays":
                out["anticipate_type"] = m["unit"]
        if not m["immediate"]:
            out["promise_day"] = m["promised"]
        if m["unit"] != "workdays":
            out["promise_type"] = m["unit"]
        if m["fee"]:
            out["fee"] = f"{m['fee'] // 100}.{m['fee'] % 100:02d}"
        out["halls"] = hs
        out["materials"] = uses
        if m["online"] != "none":
            out["online"] = m["online"]
        if m["postal"]:
            out["is_postal"] = True
        if m["express"]:
            out["is_express"] = True
        if m["licence"]:
            out["electronic_licence"] = True
        if m["pay_online"]:
            out["online_payment"] = True
        if any(u["necessity"] == "tolerable" for u in uses):
            out["tolerant_acceptance"] = True
        if m["presence"]:
            out["personal_presence"] = m["presence"]
        if m["special"]:
            out["special_procedures"] = [{"name": n, "days": d} for n, d in m["special"]]
        if m["declared"] is not None:
            out["limit_scene_num"] = m["declared"]
        if m["effective"]:
            out["effective_from"] = m["effective"]
        matters.append(out)
    return {"schema": "onetrip/1", "name": "测试实施清单", "halls": halls, "departments": depts,
            "materials": materials, "matters": matters}


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def main():
    ms = matters()
    for variant in ("numeric", "labels"):
        d = os.path.join(HERE, variant)
        os.makedirs(d, exist_ok=True)
        for stem, make in (("basic", basic_rows), ("extend", extend_rows), ("materials", material_rows),
                           ("fees", fee_rows)):
            with open(os.path.join(d, stem + ".csv"), "w", encoding="utf-8", newline="") as f:
                f.write(csv_text(*make(ms, variant)))
    d = os.path.join(HERE, "gb18030")
    os.makedirs(d, exist_ok=True)
    for stem, make, encoding in (("basic", basic_rows, "gb18030"), ("extend", extend_rows, "utf-8-sig"),
                                 ("materials", material_rows, "gb18030"), ("fees", fee_rows, "utf-8")):
        with open(os.path.join(d, stem + ".csv"), "wb") as f:
            f.write(csv_text(*make(ms, "labels")).encode(encoding))
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected(ms), f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
