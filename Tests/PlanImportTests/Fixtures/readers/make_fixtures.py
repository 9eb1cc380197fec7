#!/usr/bin/env python3
"""Write the reader fixtures with independent writers (python-docx, openpyxl), so the Swift readers are
tested against files they did not build themselves.

Usage: python3 make_fixtures.py [OUT_DIR]      (needs `pip install python-docx openpyxl`)

Writes OUT_DIR (default: this script's folder) /plan.docx and /plan.xlsx. The output is deterministic:
fixed document properties and fixed ZIP entry timestamps, so reruns are byte-identical.

plan.docx: a title paragraph, an empty paragraph, a table whose header cell "目标值" spans two columns
(w:gridSpan) and whose "健康水平" cell runs down two rows (w:vMerge restart + continue), a cell with two
paragraphs, and a closing paragraph.

plan.xlsx: sheet "主要指标" with a title merged across A1:D1, "健康水平" merged down A3:A4, a number
(80.77), an empty cell (C6) and a skipped row (5); sheet "说明" with a boolean and a line break in a cell.
"""
import datetime
import io
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

FIXED_DATE = datetime.datetime(2018, 1, 1, 0, 0, 0)


def make_docx():
    document = docx.Document()
    document.add_paragraph("健康温岭行动主要指标")
    document.add_paragraph("")
    table = document.add_table(rows=5, cols=4)
    table.cell(0, 2).merge(table.cell(0, 3))  # gridSpan 2
    table.cell(1, 0).merge(table.cell(2, 0))  # vMerge restart + continue
    values = {
        (0, 0): "领域", (0, 1): "指标", (0, 2): "目标值",
        (1, 0): "健康水平", (1, 1): "人均预期寿命（岁）", (1, 2): "80.77", (1, 3): "81.5",
        (2, 1): "孕产妇死亡率（1/10万）", (2, 2): "＜9.5", (2, 3): "＜9.5",
        (3, 0): "健康环境", (3, 1): "空气质量优良天数比率", (3, 2): "完成省级", (3, 3): "—",
        (4, 0): "健康服务", (4, 1): "每千人口执业（助理）医师数（人）", (4, 2): "2.5", (4, 3): "2.8",
    }
    for (r, c), text in values.items():
        table.cell(r, c).text = text
    table.cell(3, 2).add_paragraph("下达任务")  # a cell with two paragraphs
    document.add_paragraph("注：目标值为年度目标。")
    props = document.core_properties
    props.author = props.last_modified_by = "make_fixtures.py"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "主要指标"
    sheet["A1"] = "健康温岭建设主要指标"
    sheet.merge_cells("A1:D1")
    sheet.append(["领域", "指标", "2018年", "2020年"])
    sheet.append(["健康水平", "人均预期寿命（岁）", 80.77, "≥81.5"])
    sheet.append([None, "孕产妇死亡率（1/10万）", "＜9.5", "＜9.5"])
    sheet.merge_cells("A3:A4")
    sheet["A6"] = "健康环境"
    sheet["B6"] = "空气质量优良天数比率"
    sheet["D6"] = "达到省级目标"
    notes = workbook.create_sheet("说明")
    notes["A1"] = "数据来源：市卫生健康委"
    notes["B2"] = True
    notes["A3"] = "牵头\n部门"
    workbook.properties.creator = workbook.properties.lastModifiedBy = "make_fixtures.py"
    workbook.properties.created = workbook.properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def save_deterministic(package, out_path):
    """Rewrite the ZIP with fixed entry timestamps so reruns are byte-identical."""
    with zipfile.ZipFile(io.BytesIO(package)) as src, \
            zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    save_deterministic(make_docx(), out / "plan.docx")
    save_deterministic(make_xlsx(), out / "plan.xlsx")
    print(f"wrote {out / 'plan.docx'} and {out / 'plan.xlsx'}")


if __name__ == "__main__":
    main(sys.argv)
