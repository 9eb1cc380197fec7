#!/usr/bin/env python3
"""An independent reader for the files hcm writes: python-docx for .docx, openpyxl for .xlsx. Prints what
it read as JSON, for the Swift tests to compare with what was written.

    read_office.py FILE.docx   → {"paragraphs": [{"style", "text"}], "tables": [[[cell, …], …]], "pictures": n}
    read_office.py FILE.xlsx   → {"sheets": [{"name", "freeze", "filter", "protected", "rows": [[value, …]],
                                   "formats": {"A2": "0.0%", …}, "unlocked": ["A3", …]}]}
"""
import json
import sys


def read_docx(path):
    import docx
    document = docx.Document(path)
    return {
        "paragraphs": [{"style": p.style.name, "text": p.text} for p in document.paragraphs],
        "tables": [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables],
        "pictures": len(document.inline_shapes),
        "title": document.core_properties.title,
    }


def read_xlsx(path):
    import openpyxl
    workbook = openpyxl.load_workbook(path)
    sheets = []
    for sheet in workbook.worksheets:
        formats, unlocked = {}, []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.number_format != "General":
                    formats[cell.coordinate] = cell.number_format
                if sheet.protection.sheet and cell.protection.locked is False:
                    unlocked.append(cell.coordinate)
        sheets.append({
            "name": sheet.title,
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "protected": bool(sheet.protection.sheet),
            "rows": [[cell for cell in row] for row in sheet.iter_rows(values_only=True)],
            "formats": formats,
            "unlocked": unlocked,
        })
    return {"sheets": sheets, "title": workbook.properties.title}


path = sys.argv[1]
result = read_docx(path) if path.endswith(".docx") else read_xlsx(path)
json.dump(result, sys.stdout, ensure_ascii=False, default=str)
