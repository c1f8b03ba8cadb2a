"""Runs pipelines/published.sql over an extraction and prints the verdicts as JSON."""
import json
import sys

import duckdb

out, views, published_sql, figures = sys.argv[1:5]
con = duckdb.connect()
con.execute(f"SET VARIABLE ogi_out = '{out}'")
con.execute(f"SET VARIABLE ogi_published = '{figures}'")
con.execute(open(views, encoding="utf-8").read())
con.execute(open(published_sql, encoding="utf-8").read())
rows = con.execute("select source, definition, published, corpus, verdict from published_check").fetchall()
print(json.dumps([list(r) for r in rows], ensure_ascii=False))
