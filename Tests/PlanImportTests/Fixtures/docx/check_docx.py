#!/usr/bin/env python3
"""Re-read the generated .docx files and compare them with the seed texts.

Usage: python3 check_docx.py [SEEDS_DIR [DOCX_DIR]]
       (defaults: ../seeds next to this folder, and this folder)

For every table prints its size, merge counts and the first 3 data rows with merged cells
expanded ("^" = copied from the cell above through w:vMerge, "<" = covered by the cell on the
left through w:gridSpan). Asserts, per document, that the table count and each table's size
equal what make_docx.py reads from the text, that the paragraphs outside tables are the text's
lines in order, and that every row's own cell texts round-trip.
"""
import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ next to the fixtures
sys.path.insert(0, str(HERE))
import make_docx  # noqa: E402


def expanded(row):
    """The row's text per grid column, marking copies made by merges."""
    grid = [tc for tc in row._tr.tc_lst for _ in range(tc.grid_span)]
    texts, previous = [], None
    for cell, tc in zip(row.cells, grid):
        text = cell.text.replace("\n", "/")[:18]
        if tc is previous:
            text = "<"
        elif tc.vMerge == "continue":
            text = "^" + text
        texts.append(text)
        previous = tc
    return texts


def own_texts(row):
    """Texts of the cells that start in this row (not vMerge continuations), blanks left out."""
    texts = []
    for tc in row._tr.tc_lst:
        if tc.vMerge == "continue":
            continue
        text = "\n".join(p.text for p in tc.xpath("./w:p")).strip()
        if text:
            texts.append(text)
    return texts


def check(seed, docx_path):
    document, tables = make_docx.build(seed)
    paragraphs = [p.text for p in document.paragraphs]
    document = docx.Document(str(docx_path))
    assert [p.text for p in document.paragraphs] == paragraphs, "paragraphs differ from the text"
    print(f"== {docx_path.name}: {len(document.tables)} tables (text: {len(tables)})")
    assert len(document.tables) == len(tables), "table count differs from the text"
    for n, (table, parsed) in enumerate(zip(document.tables, tables), 1):
        xml = table._tbl.xml
        rows, cols = len(table.rows), len(table.columns)
        print(f"-- table {n} (text line {parsed.line}): {rows} rows x {cols} cols, "
              f"{parsed.header_rows} header row(s), "
              f"gridSpan {xml.count('<w:gridSpan ')}, vMerge {xml.count('<w:vMerge')}")
        assert (rows, cols) == (len(parsed.rows), parsed.width), "table size differs"
        for r, (row, cells) in enumerate(zip(table.rows, parsed.rows)):
            want = [t for t in ("\n".join(c).strip() for c in cells) if t]
            assert own_texts(row) == want, f"row {r + 1} differs: {own_texts(row)} != {want}"
        for r in range(min(rows, parsed.header_rows + 3)):
            kind = "header" if r < parsed.header_rows else "data"
            print(f"   {kind:6} " + " | ".join(expanded(table.rows[r])))
    return len(tables)


def main(argv):
    seeds = Path(argv[1]) if len(argv) > 1 else HERE.parent / "seeds"
    out = Path(argv[2]) if len(argv) > 2 else HERE
    total = 0
    for seed in sorted(seeds.glob("*.txt")):
        total += check(seed, out / (seed.stem + ".docx"))
    print(f"OK: {total} tables checked")


if __name__ == "__main__":
    main(sys.argv)
