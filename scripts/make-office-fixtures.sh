#!/usr/bin/env bash
# Regenerates tests/fixtures/office/ (run by hand; the tests only read the files): one generated DOCX report
# (河北省人民政府办公厅 2021, from `ogi gen`) and what LibreOffice makes of it — the way agencies export —
# a Word 97 binary (.doc), a PDF (embedded TrueType subset with ToUnicode, ruled table) and a DOCX re-saved
# by LibreOffice (w:vMerge w:val="continue", its own run structure). Needs soffice and a CJK font
# (Debian: libreoffice-writer-nogui fonts-wqy-microhei).
set -euo pipefail
BIN=${OGI_BIN:-target/release/ogi}
OUT=tests/fixtures/office
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
"$BIN" gen --reports 300 --seed 20261201 --first-year 2019 --layouts 0,0,0,0,0,0,3,1,2 --out "$TMP/g" >/dev/null
cp "$TMP/g/corpus/2021/province/000087.docx" "$OUT/hebei-2021.docx"
lo() { # filter outdir
  soffice --headless --norestore "-env:UserInstallation=file://$TMP/profile" --convert-to "$1" --outdir "$2" \
    "$OUT/hebei-2021.docx" >/dev/null 2>&1
}
# the same report with its table borders removed (a Word table drawn without rulings)
python3 - "$OUT/hebei-2021.docx" "$TMP/hebei-2021-noborders.docx" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
    for item in z.infolist():
        data = z.read(item.filename)
        if item.filename == "word/document.xml":
            data = re.sub(rb"<w:tblBorders>.*?</w:tblBorders>", b"", data)
        out.writestr(item, data)
PY
soffice --headless --norestore "-env:UserInstallation=file://$TMP/profile" --convert-to 'pdf:writer_pdf_Export' \
  --outdir "$TMP/nb" "$TMP/hebei-2021-noborders.docx" >/dev/null 2>&1
cp "$TMP/nb/hebei-2021-noborders.pdf" "$OUT/hebei-2021-lo-noborders.pdf"
lo 'doc:MS Word 97' "$TMP/doc"
lo 'pdf:writer_pdf_Export' "$TMP/pdf"
lo 'docx:MS Word 2007 XML' "$TMP/docx"
cp "$TMP/doc/hebei-2021.doc" "$OUT/hebei-2021.doc"
cp "$TMP/pdf/hebei-2021.pdf" "$OUT/hebei-2021-lo.pdf"
cp "$TMP/docx/hebei-2021.docx" "$OUT/hebei-2021-lo.docx"
ls -l "$OUT"
