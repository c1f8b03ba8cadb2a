"""Copies split over shards: pipelines/recipes.sql's cross_shard_duplicates over a sharded output (parts).
Prints JSON: the pairs found (later path, the path it repeats, same bytes or not)."""
import json
import sys

import duckdb

parts, views, recipes = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute(f"SET VARIABLE ogi_out = '{parts}'")
con.execute("SET VARIABLE ogi_parts = true")
con.execute(open(views, encoding="utf-8").read())
con.execute(open(recipes, encoding="utf-8").read())
pairs = con.execute(
    "select source_path, repeats_path, same_bytes from cross_shard_duplicates order by source_path"
).fetchall()
print(json.dumps({"pairs": [list(p) for p in pairs]}, ensure_ascii=False))
