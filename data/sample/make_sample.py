#!/usr/bin/env python3
"""Writes the hand-made sample corpus of data/sample/ and its expected values.

Authoring aid only (the pipeline is Rust): the files it writes are committed, and the tests read them.
Labels are copied from ../shared/spec/report-format.md, not from the extractor. Re-run after editing:
    python3 data/sample/make_sample.py
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
EXPECTED = os.path.join(HERE, "expected")

REQ_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# (key, group label or None, row label) in template order; "t19"/"t21" restricts a row to one template.
ROWS = [
    ("new_received", None, "一、本年新收政府信息公开申请数量", None),
    ("carried_over", None, "二、上年结转政府信息公开申请数量", None),
    ("granted", "三、本年度办理结果", "（一）予以公开", None),
    ("partially_granted", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密", None),
    ("denied_prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开", None),
    ("denied_security_stability", "（三）不予公开", "3.危及“三安全一稳定”", None),
    ("denied_third_party", "（三）不予公开", "4.保护第三方合法权益", None),
    ("denied_internal_affairs", "（三）不予公开", "5.属于三类内部事务信息", None),
    ("denied_process_info", "（三）不予公开", "6.属于四类过程性信息", None),
    ("denied_enforcement_file", "（三）不予公开", "7.属于行政执法案卷", None),
    ("denied_admin_query", "（三）不予公开", "8.属于行政查询事项", None),
    ("unable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息", None),
    ("unable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作", None),
    ("unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确", None),
    ("rejected_petition", "（五）不予处理", "1.信访举报投诉类申请", None),
    ("rejected_duplicate", "（五）不予处理", "2.重复申请", None),
    ("rejected_publication", "（五）不予处理", "3.要求提供公开出版物", None),
    ("rejected_mass_repeat", "（五）不予处理", "4.无正当理由大量反复申请", None),
    ("rejected_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", None),
    ("other", None, "（六）其他处理", "t19"),
    ("other_no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "t21"),
    ("other_unpaid_fee", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "t21"),
    ("other_misc", "（六）其他处理", "3.其他", "t21"),
    ("total_processed", None, "（七）总计", None),
    ("carried_forward", None, "四、结转下年度继续办理", None),
]
OUTCOME_KEYS = [k for k, _, _, _ in ROWS if k not in ("new_received", "carried_over", "total_processed", "carried_forward")]


def rows_of(t):
    tag = "t19" if t == "t2019" else "t21"
    return [r for r in ROWS if r[3] in (None, tag)]


def make_apps(t, outcomes, carried_over=None, carried_forward=None):
    """outcomes: key -> 6 requester values; totals and the balance rows are derived so identities hold."""
    apps = {}
    for key, _, _, _ in rows_of(t):
        if key in OUTCOME_KEYS:
            v = outcomes.get(key, [0] * 6)
            apps[key] = v + [sum(v)]
    tot = [sum(apps[k][c] for k in apps) for c in range(6)]
    apps["total_processed"] = tot + [sum(tot)]
    co = carried_over or [0] * 6
    cf = carried_forward or [0] * 6
    new = [tot[c] + cf[c] - co[c] for c in range(6)]
    apps["new_received"] = new + [sum(new)]
    apps["carried_over"] = co + [sum(co)]
    apps["carried_forward"] = cf + [sum(cf)]
    return {k: apps[k] for k, _, _, _ in rows_of(t)}


def reviews(r, d, a):
    return {"review": r + [sum(r)], "litigation_direct": d + [sum(d)], "litigation_after_review": a + [sum(a)]}


# ---------------------------------------------------------------- Article 20 tables

def proactive_blocks(t, p):
    """Blocks of (block title, header cells, [(item label, [cells])])."""
    if t == "t2019":
        return [
            ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
             [("规章", p["rules"]), ("规范性文件", p["normative_documents"])]),
            ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
             [("行政许可", p["licensing"]), ("其他对外管理服务事项", p["other_services"])]),
            ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
             [("行政处罚", p["penalty"]), ("行政强制", p["coercion"])]),
            ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("行政事业性收费", p["fees"])]),
            ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", p["procurement"])]),
        ]
    return [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
         [("规章", p["rules"]), ("行政规范性文件", p["normative_documents"])]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", p["licensing"])]),
        ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", p["penalty"]), ("行政强制", p["coercion"])]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", p["fees"])]),
    ]


MEASURES = {
    "t2019": {"rules": ["new_made", "new_published", "total_published"],
              "normative_documents": ["new_made", "new_published", "total_published"],
              "licensing": ["previous_count", "change", "decisions"],
              "other_services": ["previous_count", "change", "decisions"],
              "penalty": ["previous_count", "change", "decisions"],
              "coercion": ["previous_count", "change", "decisions"],
              "fees": ["previous_count", "change"], "procurement": ["items", "amount_yuan"]},
    "t2021": {"rules": ["issued", "repealed", "in_force"],
              "normative_documents": ["issued", "repealed", "in_force"],
              "licensing": ["decisions"], "penalty": ["decisions"], "coercion": ["decisions"], "fees": ["amount_yuan"]},
}


def proactive_expected(t, p, amounts):
    out = {}
    for item, measures in MEASURES[t].items():
        out[item] = {}
        for m, raw in zip(measures, p[item]):
            out[item][m] = amounts[(item, m)] if (item, m) in amounts else float(str(raw).replace("元", ""))
    return out


# ---------------------------------------------------------------- renderers

def cellfmt(v, blank_zero):
    return "" if (blank_zero and v == 0) else str(v)


def html_tables(t, apps, rev, p, blank_zero=False, misaligned=False, split_labels=True):
    """The three tables as government sites print them: rowspan / colspan, split header words."""
    def td(x, attrs=""):
        return f"<td{attrs}><p>{x}</p></td>"
    a20 = ['<table border="1" cellspacing="0">']
    for title, head, items in proactive_blocks(t, p):
        a20.append(f'<tr><td colspan="4">{title}</td></tr>')
        if len(head) == 1:
            a20.append("<tr>" + td("信息内容") + td(head[0], ' colspan="3"') + "</tr>")
        elif misaligned and len(head) == 3:
            a20.append("<tr>" + td("信息内容") + td(head[0]) + td(head[1], ' colspan="2"') + td(head[2]) + "</tr>")
        else:
            a20.append("<tr>" + td("信息内容") + "".join(td(h) for h in head) + "</tr>")
        for label, vals in items:
            if len(vals) == 1:
                a20.append("<tr>" + td(label) + td(vals[0], ' colspan="3"') + "</tr>")
            elif misaligned and len(vals) == 3:
                a20.append("<tr>" + td(label) + td(vals[0], ' colspan="2"') + td(vals[1]) + td(vals[2]) + "</tr>")
            else:
                a20.append("<tr>" + td(label) + "".join(td(v) for v in vals) + "</tr>")
    a20.append("</table>")

    head = [h if not split_labels else {"商业企业": "商业</p><p>企业", "科研机构": "科研</p><p>机构",
                                         "社会公益组织": "社会</p><p>公益</p><p>组织",
                                         "法律服务机构": "法律</p><p>服务</p><p>机构"}.get(h, h) for h in REQ_HEAD]
    t3 = ['<table border="1" cellspacing="0">',
          '<tr><td colspan="3" rowspan="3"><p>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p></td>'
          '<td colspan="7"><p>申请人情况</p></td></tr>',
          f'<tr><td rowspan="2">{head[0]}</td><td colspan="5">法人或其他组织</td><td rowspan="2">{head[6]}</td></tr>',
          "<tr>" + "".join(td(h) for h in head[1:6]) + "</tr>"]
    rows = rows_of(t)
    group_span = {}
    for key, group, _, _ in rows:
        if group:
            group_span[group] = group_span.get(group, 0) + 1
    outcome_span = sum(1 for k, g, _, _ in rows if g) + (1 if t == "t2019" else 0) + 1  # + （六） row (2019) + （七）
    seen = set()
    for key, group, label, _ in rows:
        vals = "".join(td(cellfmt(v, blank_zero)) if v != 0 or not blank_zero else "<td>&nbsp;</td>" for v in apps[key])
        cells = ""
        if key == "granted":
            lab = "三、本</p><p>年度办</p><p>理结果" if split_labels else "三、本年度办理结果"
            cells += f'<td rowspan="{outcome_span}"><p>{lab}</p></td>'
        if key in ("new_received", "carried_over", "carried_forward"):
            cells += f'<td colspan="3"><p>{label}</p></td>'
        elif group and group != "三、本年度办理结果":
            if group not in seen:
                seen.add(group)
                cells += f'<td rowspan="{group_span[group]}"><p>{group}</p></td>'
            cells += td(label)
        else:
            cells += f'<td colspan="2"><p>{label}</p></td>'
        t3.append(f"<tr>{cells}{vals}</tr>")
    t3.append("</table>")

    t4 = ['<table border="1" cellspacing="0">',
          '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>',
          '<tr>' + "".join(f'<td rowspan="2">{h}</td>' for h in ["结果<br/>维持", "结果<br/>纠正", "其他<br/>结果", "尚未<br/>审结", "总计"])
          + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
          "<tr>" + "".join(td(h) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "</tr>",
          "<tr>" + "".join(td(cellfmt(v, blank_zero)) for g in ("review", "litigation_direct", "litigation_after_review") for v in rev[g]) + "</tr>",
          "</table>"]
    return "\n".join(a20), "\n".join(t3), "\n".join(t4)


def text_rows(t, apps, rev, p):
    """The tables as a sequence of rows of cells (for lines, pipes, markdown, spaces)."""
    out = []
    for title, head, items in proactive_blocks(t, p):
        out.append([title])
        out.append(["信息内容"] + head)
        for label, vals in items:
            out.append([label] + [str(v) for v in vals])
    out.append(["SECTION3"])
    out.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    out.append(["自然人", "法人或其他组织", "总计"])
    out.append(REQ_HEAD[1:6])
    last_group = None
    for key, group, label, _ in rows_of(t):
        prefix = []
        if group and group != last_group:
            prefix = [group]
            last_group = group
        if key == "granted":
            prefix = ["三、本年度办理结果"]
        out.append(prefix + [label] + [str(v) for v in apps[key]])
    out.append(["SECTION4"])
    out.append(["行政复议", "行政诉讼"])
    out.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
    out.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    out.append([str(v) for g in ("review", "litigation_direct", "litigation_after_review") for v in rev[g]])
    return out


SECTION3 = "三、收到和处理政府信息公开申请情况"
SECTION4 = "四、政府信息公开行政复议、行政诉讼情况"


def render_text(rows, style):
    lines = []
    for r in rows:
        if r == ["SECTION3"]:
            lines.append(SECTION3)
            continue
        if r == ["SECTION4"]:
            lines.append(SECTION4)
            continue
        if style == "lines":
            for c in r:
                lines.append(c)
                lines.append("")
        elif style == "pipes":
            lines.append(" | ".join(r) + " | |")
        elif style == "markdown":
            lines.append("| " + " | ".join(r) + " |")
            if len(r) > 2 and r[0].startswith("信息内容"):
                lines.append("|" + "---|" * len(r))
        elif style == "spaces":
            lines.append(" ".join(r))
    return "\n".join(lines)


def prose(agency, year, apps, rev_total, t):
    new = apps["new_received"][6]
    done = apps["total_processed"][6]
    fwd = apps["carried_forward"][6]
    intro = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
             f"如对本报告有疑问，请与{agency}联系。")
    one = (f"一、总体情况\n{year}年，{agency}认真贯彻落实《条例》，全年共收到政府信息公开申请{new}件，办结{done}件，结转下年度继续办理{fwd}件。")
    two = "二、主动公开政府信息情况"
    return intro, one, two


def page_html(agency, year, t, apps, rev, p, **kw):
    charset = kw.pop("charset", "utf-8")
    a20, t3, t4 = html_tables(t, apps, rev, p, **kw)
    intro, one, two = prose(agency, year, apps, rev, t)
    nav = "".join(f'<li><a href="/{i}">{x}</a></li>' for i, x in enumerate(["首页", "政务公开", "政务服务", "互动交流", "走进本地"]))
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{agency}{year}年度政府信息公开工作年度报告_政府信息公开</title>
<style>body{{font-size:14px}} .nav li{{display:inline}}</style>
<script>var _hmt = _hmt || []; function share(){{ return "一、本年新收政府信息公开申请数量 999"; }}</script>
</head><body>
<div class="header"><ul class="nav">{nav}</ul></div>
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="article"><h1>{agency}{year}年度政府信息公开工作年度报告</h1>
<div class="info">发布时间：{year + 1}-01-{20 if t == 't2021' else 15}&nbsp;&nbsp;来源：{agency}&nbsp;&nbsp;字体：【大 中 小】</div>
<div class="TRS_Editor"><p>{intro}</p><p>{one.split(chr(10))[0]}</p><p>{one.split(chr(10))[1]}</p>
<p>{two}</p>
{a20}
<p>{SECTION3}</p>
{t3}
<p>{SECTION4}</p>
{t4}
<p>五、存在的主要问题及改进情况</p><p>政务公开工作仍有不足，下一步将持续改进。</p>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></div></div>
<div class="footer"><p>主办单位：{agency} 网站标识码：5111120001 备案号：蜀ICP备12345678号</p><p>扫一扫在手机打开当前页</p></div>
<script>document.write("<p>访问量</p>");</script>
</body></html>
"""


def page_text(agency, year, t, apps, rev, p, style, title_line=True):
    intro, one, two = prose(agency, year, apps, rev, t)
    body = render_text(text_rows(t, apps, rev, p), style)
    head = f"{agency}{year}年度政府信息公开工作年度报告\n发布时间：{year + 1}-02-10 09:30\n" if title_line else ""
    return f"""首页 > 政府信息公开 > 政府信息公开年报
{head}
{intro}

{one}

{two}

{body}

五、存在的主要问题及改进情况
政务公开工作仍有不足。

六、其他需要报告的事项
无。
"""


# ---------------------------------------------------------------- the sample set

def write(path, data, encoding="utf-8"):
    full = os.path.join(CORPUS, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    mode = "wb"
    with open(full, mode) as f:
        f.write(data if isinstance(data, bytes) else data.encode(encoding))


def expect(path, year, template, agency, kind, apps, rev, proactive, status="ok", violations=0, **extra):
    name = path.replace("/", "__").rsplit(".", 1)[0] + ".json"
    doc = {"file": path, "report_year": year, "template": template, "agency_contains": agency, "agency_kind": kind,
           "parse_status": status, "identity_violations": violations, "applications": apps, "reviews": rev,
           "proactive": proactive}
    doc.update(extra)
    os.makedirs(EXPECTED, exist_ok=True)
    with open(os.path.join(EXPECTED, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)


def main():
    # 1. HTML, t2021, county government, full site chrome, split labels, rowspan/colspan.
    apps = make_apps("t2021", {
        "granted": [20, 2, 0, 1, 1, 0], "partially_granted": [5, 1, 0, 0, 0, 0],
        "denied_prohibited_by_law": [1, 0, 0, 0, 0, 0], "denied_third_party": [2, 0, 0, 0, 0, 0],
        "unable_not_held": [6, 1, 0, 0, 1, 0], "unable_needs_creation": [1, 0, 0, 0, 0, 0],
        "rejected_petition": [2, 0, 0, 0, 0, 0], "rejected_duplicate": [1, 0, 0, 0, 0, 0],
        "other_no_correction": [1, 0, 0, 0, 0, 0], "other_misc": [1, 0, 0, 0, 0, 0]},
        carried_over=[3, 0, 0, 0, 0, 0], carried_forward=[3, 1, 0, 0, 0, 0])
    rev = reviews([1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 0])
    p = {"rules": [0, 0, 2], "normative_documents": [5, 1, 37], "licensing": [1203], "penalty": [356],
         "coercion": [12], "fees": ["23.5"]}
    path = "html/wutongqiao-2022-t2021.html"
    write(path, page_html("乐山市五通桥区人民政府", 2022, "t2021", apps, rev, p))
    expect(path, 2022, "t2021", "乐山市五通桥区人民政府", "government", apps, rev,
           proactive_expected("t2021", p, {("fees", "amount_yuan"): 235000.0}), published_date="2023-01-20")

    # 2. HTML in GB18030 declared gb2312, t2019, department; Article 20 header and data columns misaligned;
    #    zero cells printed as &nbsp; (blank).
    apps = make_apps("t2019", {
        "granted": [4, 1, 0, 0, 0, 0], "unable_not_held": [2, 0, 0, 0, 0, 0], "other": [0, 0, 0, 0, 0, 1]},
        carried_forward=[1, 0, 0, 0, 0, 0])
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [3, 3, 41], "licensing": [12, -2, 310],
         "other_services": [4, 0, 25], "penalty": [30, 1, 88], "coercion": [2, 0, 0], "fees": [5, -1],
         "procurement": [7, "1864200元"]}
    path = "html/changde-edu-2019-gbk.html"
    write(path, page_html("常德市教育局", 2019, "t2019", apps, rev, p, blank_zero=True, misaligned=True,
                          charset="gb2312", split_labels=False), encoding="gb18030")
    expect(path, 2019, "t2019", "常德市教育局", "department", apps, rev,
           proactive_expected("t2019", p, {("procurement", "amount_yuan"): 1864200.0}), encoding="gb18030")

    # 3. HTML (.htm), t2021, township, every figure zero.
    apps = make_apps("t2021", {})
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [0, 0, 0], "licensing": [0], "penalty": [0], "coercion": [0],
         "fees": ["0"]}
    path = "html/fengling-town-2022.htm"
    write(path, page_html("巫溪县峰灵镇人民政府", 2022, "t2021", apps, rev, p))
    expect(path, 2022, "t2021", "巫溪县峰灵镇人民政府", "government", apps, rev, proactive_expected("t2021", p, {}))

    # 4. One cell per line, t2019, sub-district office, 2020.
    apps = make_apps("t2019", {"granted": [3, 0, 0, 0, 0, 0], "rejected_duplicate": [1, 0, 0, 0, 0, 0]})
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [0, 0, 2], "licensing": [0, 0, 0],
         "other_services": [0, 0, 0], "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [0, 0],
         "procurement": [86, "51.1082万元"]}
    path = "text/dongguan-street-2020-lines.txt"
    write(path, page_text("平凉市崆峒区东关街道办事处", 2020, "t2019", apps, rev, p, "lines"))
    expect(path, 2020, "t2019", "东关街道办事处", "government", apps, rev,
           proactive_expected("t2019", p, {("procurement", "amount_yuan"): 511082.0}))

    # 5. Pipe rows, t2021, department, 2021.
    apps = make_apps("t2021", {"granted": [2, 0, 0, 0, 0, 0], "partially_granted": [0, 1, 0, 0, 0, 0],
                               "unable_not_held": [1, 0, 0, 0, 0, 0]})
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [1, 0, 4], "licensing": [0], "penalty": [0], "coercion": [0],
         "fees": ["0"]}
    path = "text/changde-poverty-2021-pipes.txt"
    text5 = page_text("常德市扶贫开发办公室", 2021, "t2021", apps, rev, p, "pipes")
    write(path, text5)
    expect(path, 2021, "t2021", "常德市扶贫开发办公室", "department", apps, rev, proactive_expected("t2021", p, {}))
    # 5b. The same bytes under another name: a duplicate.
    write("text/copy-of-changde-poverty-2021.txt", text5)

    # 6. Markdown table, t2021, county-level city government office, 2023.
    apps = make_apps("t2021", {"granted": [31, 4, 1, 0, 2, 0], "partially_granted": [6, 0, 0, 0, 0, 0],
                               "denied_process_info": [2, 0, 0, 0, 0, 0], "unable_not_held": [9, 2, 0, 0, 0, 1],
                               "rejected_petition": [3, 0, 0, 0, 0, 0], "other_unpaid_fee": [1, 0, 0, 0, 0, 0]},
                     carried_over=[2, 1, 0, 0, 0, 0], carried_forward=[4, 0, 0, 0, 0, 0])
    rev = reviews([2, 1, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [8, 3, 112], "licensing": [2260], "penalty": [734],
         "coercion": [41], "fees": ["156.28"]}
    path = "text/emeishan-office-2023.md"
    write(path, page_text("峨眉山市人民政府办公室", 2023, "t2021", apps, rev, p, "markdown"))
    expect(path, 2023, "t2021", "峨眉山市人民政府办公室", "general_office", apps, rev,
           proactive_expected("t2021", p, {("fees", "amount_yuan"): 1562800.0}))

    # 7. PDF-like space-separated text with page markers, wrapped and vertical labels, t2021, 2024.
    apps = make_apps("t2021", {"granted": [1288, 21, 0, 0, 50, 3], "partially_granted": [447, 7, 0, 0, 0, 0],
                               "denied_state_secret": [2, 0, 0, 0, 0, 0], "denied_admin_query": [105, 0, 0, 0, 0, 0],
                               "unable_not_held": [746, 12, 0, 0, 10, 1], "rejected_petition": [210, 3, 0, 0, 1, 0],
                               "other_misc": [33, 2, 0, 0, 0, 0]},
                     carried_over=[34, 0, 0, 0, 0, 0], carried_forward=[60, 5, 0, 0, 0, 0])
    rev = reviews([25, 3, 8, 0], [3, 3, 0, 0], [3, 0, 0, 0])
    p = {"rules": [2, 1, 56], "normative_documents": [48, 12, 610], "licensing": [88123], "penalty": [3985758],
         "coercion": [88283], "fees": ["96171.6"]}
    rows = text_rows("t2021", apps, rev, p)
    lines = render_text(rows, "spaces").split("\n")
    out = []
    for ln in lines:
        if ln.startswith("三、本年度办理结果 （一）予以公开"):
            out += ["三、", "本", "年", "度", "办", "理", "结", "果", ln.replace("三、本年度办理结果 ", "")]
        elif ln.startswith("（二）部分公开"):
            out += ["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形） " + ln.split("） ", 1)[1]]
        elif ln.startswith("商业企业"):
            out += ["总计商 业 企", "业", "科研机", "构", "社会公益", "组织", "法 律 服 务", "机构", "其他"]
        elif ln.startswith("自然人"):
            out += ["自然人", "法人或其他组织"]
        elif ln.startswith("（四）无法提供 1."):
            out += ["- 4 -", ln.replace("（四）无法提供 1.", "（四）无 1.")]
        else:
            out.append(ln)
    intro, one, two = prose("某市人民政府", 2024, apps, rev, "t2021")
    text7 = f"某市人民政府2024年度政府信息公开工作年度报告\n{intro}\n{one}\n{two}\n" + "\n".join(out) + "\n- 5 -\n五、存在的主要问题及改进情况\n略。\n"
    path = "text/citygov-2024-spaces.txt"
    write(path, text7)
    expect(path, 2024, "t2021", "某市人民政府", "government", apps, rev,
           proactive_expected("t2021", p, {("fees", "amount_yuan"): 961716000.0}))

    # 8. UTF-16LE with BOM, one cell per line, t2019, 2019.
    apps = make_apps("t2019", {"granted": [1, 0, 0, 0, 0, 0]})
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [2, 2, 9], "licensing": [0, 0, 0],
         "other_services": [0, 0, 0], "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [0, 0],
         "procurement": [0, "0"]}
    path = "text/jiangyuan-2019-utf16.txt"
    write(path, b"\xff\xfe" + page_text("白山市江源区人民政府办公室", 2019, "t2019", apps, rev, p, "lines").encode("utf-16-le"))
    expect(path, 2019, "t2019", "江源区人民政府办公室", "general_office", apps, rev,
           proactive_expected("t2019", p, {("procurement", "amount_yuan"): 0.0}), encoding="utf-16le")

    # 9. Pipes, t2021, an outcome row that disagrees with （七）总计 (as Pingtan 2020 does): identities fail.
    apps = make_apps("t2021", {"granted": [7, 0, 0, 0, 0, 0], "partially_granted": [6, 0, 0, 0, 0, 0],
                               "unable_not_held": [4, 0, 0, 0, 0, 0], "rejected_duplicate": [3, 0, 0, 0, 0, 0]})
    apps["unable_unclear"] = [3, 0, 0, 0, 0, 0, 3]  # printed on top of a consistent table: outcome sum 23 ≠ 20
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [4, 0, 30], "licensing": [10], "penalty": [3], "coercion": [0],
         "fees": ["1.2"]}
    path = "text/pingtan-like-2022-violation.txt"
    write(path, page_text("平潭综合实验区管委会", 2022, "t2021", apps, rev, p, "pipes"))
    expect(path, 2022, "t2021", "平潭综合实验区管委会", "government", apps, rev,
           proactive_expected("t2021", p, {("fees", "amount_yuan"): 12000.0}), violations=2,
           failed_checks=[["outcome_sum", "natural_person", 23, 20], ["outcome_sum", "total", 23, 20]])

    # 10. A table cut off half way (pipes, t2019): partial, what was printed is kept.
    apps = make_apps("t2019", {"granted": [2, 0, 0, 0, 0, 0]})
    rev = reviews([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [0, 0, 0], "licensing": [0, 0, 0],
         "other_services": [0, 0, 0], "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [0, 0],
         "procurement": [0, "0"]}
    full = page_text("峨眉山市财政局", 2020, "t2019", apps, rev, p, "pipes")
    cut = full[: full.index("6.属于四类过程性信息")]
    path = "text/emeishan-finance-2020-truncated.txt"
    write(path, cut)
    kept = {k: v for k, v in apps.items() if list(apps).index(k) < list(apps).index("denied_process_info")}
    expect(path, 2020, "t2019", "峨眉山市财政局", "department", kept, None, proactive_expected("t2019", p, {}),
           status="partial")

    # 11. A pre-2019 prose report.
    path = "text/jiangyuan-2016-prose.txt"
    write(path, "白山市江源区人民政府2016年政府信息公开工作年度报告\n"
                "本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为2016年1月1日至2016年12月31日。\n"
                "一、概述\n2016年，我区认真贯彻落实《条例》。\n"
                "二、主动公开政府信息情况\n全年主动公开政府信息2680条。\n"
                "三、依申请公开政府信息情况\n全年共收到政府信息公开申请2件，均已按时答复。\n"
                "四、政府信息公开的收费及减免情况\n未收取任何费用。\n"
                "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n未发生因政府信息公开申请提起行政复议、行政诉讼的情况。\n")
    # Figures from prose (issue 5): totals only; the other cells do not exist in a pre-2019 report.
    expect(path, 2016, "pre2019", "江源区人民政府", "government", {"new_received": [None] * 6 + [2]},
           {"review": [None] * 4 + [0], "litigation_direct": [None] * 4 + [0]},
           {"all_information": {"published": 2680}})

    # 12–15. Bad input.
    write("bad/empty.txt", b"")
    expect("bad/empty.txt", None, "unknown", "", None, {}, None, {}, status="unreadable")
    write("bad/not-a-report.html", "<html><head><meta charset='utf-8'><title>区长调研重点项目建设_新闻中心</title></head>"
          "<body><div class='nav'>首页 新闻中心</div><h1>区长调研重点项目建设</h1><p>3月12日，区长一行深入重点项目现场调研，"
          "要求加快推进项目建设。</p><p>发布时间：2024-03-12</p></body></html>")
    expect("bad/not-a-report.html", None, "unknown", "", None, {}, None, {}, status="not_a_report")
    rnd = random.Random(20261122)
    write("bad/binary.txt", bytes(rnd.randrange(0, 32) for _ in range(2048)))
    expect("bad/binary.txt", None, "unknown", "", None, {}, None, {}, status="unreadable")
    write("bad/scan.pdf", b"%PDF-1.4\n% not parsed: PDF files are listed in the skipped table\n")
    # 16. GB18030 text with no declaration (the encoding is detected), one cell per line, t2021.
    apps = make_apps("t2021", {"granted": [12, 3, 0, 0, 0, 0], "unable_not_held": [2, 0, 0, 0, 0, 0]})
    rev = reviews([0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0])
    p = {"rules": [0, 0, 0], "normative_documents": [6, 2, 58], "licensing": [455], "penalty": [120], "coercion": [3],
         "fees": ["12.05"]}
    path = "text/leshan-market-2021-gbk.txt"
    write(path, page_text("乐山市市场监督管理局", 2021, "t2021", apps, rev, p, "lines"), encoding="gb18030")
    expect(path, 2021, "t2021", "乐山市市场监督管理局", "department", apps, rev,
           proactive_expected("t2021", p, {("fees", "amount_yuan"): 120500.0}), encoding="gb18030")


if __name__ == "__main__":
    main()
