#!/usr/bin/env python3
"""Turn the Word-exported seed texts into real .docx files (paragraphs + real Word tables).

Usage: python3 make_docx.py SEEDS_DIR OUT_DIR      (needs `pip install python-docx`)

Writes OUT_DIR/<seed-stem>.docx for every SEEDS_DIR/*.txt. The output is deterministic.

Reading the text export (rules observed in the five seeds):
  * A line starting with TAB is a table cell (text after the tab); a blank line ends a row.
  * A line with text before its tab (" \t2018年", " \t加强健康保障") is a row glued to the
    previous one: the text before the tab is the first cell of a new row.
  * A non-tab line right after a cell line continues that cell (a further paragraph in it).
  * A non-tab line after blank line(s) inside a table:
      - if it repeats the current cell's text it is the export duplicating a merged cell
        ("\t1", "", "1" or "\t6", "", "", "", "6", "", "6"): dropped, and the blank lines
        before it do not end the row;
      - else after exactly one blank line it continues the cell ("\t高血压57.6", "", "糖尿病63.8");
      - else (two or more blank lines) the table has ended and the line is a paragraph.
  * Consecutive rows shorter than the table that add up to exactly its width are one row
    broken by stray blank lines (seed 003 "资源配置" / "9 每千人床位数" / "张 6"; seed 002 group
    rows whose duplicated first cells sat in their own blocks).
  * Blank lines outside tables are kept as empty paragraphs (the row-ending blank line after a
    table's last row belongs to the table).

Layout of a row shorter than the table width (width = longest row), one cell gets a gridSpan:
  * a header row holding only year labels ("2018年") sits over the last columns: its first
    cell is widened (seed 000's 指标任务分解表 header " ", 2018年, 2019年, 2020年);
  * if the last column is a department column (牵头/责任/配合…) the last cell stays there and
    the cell before it is widened (seed 002: 年度目标 over the year columns, a target text
    covering all years);
  * otherwise the last cell is widened.

Vertical merges (w:vMerge), found by the header texts of each column:
  * group columns (领域 类别 一级指标 二级指标 序号, or an unlabelled first column) and department
    columns (牵头部门 牵头单位 责任单位 责任部门 配合…): an empty cell below a filled one is merged
    into it, so the text appears once;
  * name columns (指标 指标名称 三级指标): same, but only when every cell left of it in that row is
    empty too (the row continues the same indicator, seed 000 "22 主要食品…" sub-rows);
  * header rows: an empty cell in the second header row under a header cell;
  * value columns (unit, baseline, years, targets, notes) are never merged.
  A whitespace-only cell counts as empty.
"""
import datetime
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt
from docx.table import _Cell

FIXED_DATE = datetime.datetime(2018, 1, 1, 0, 0, 0)
YEAR_LABEL = re.compile(r"^\d{4}年$")
GROUP_LABELS = {"领域", "类别", "一级指标", "二级指标", "序号"}
NAME_LABELS = {"指标", "指标名称", "三级指标"}
DEPT_KEYS = ("牵头", "责任单位", "责任部门", "配合")


class Table:
    def __init__(self, rows, line):
        self.line = line              # 1-based line of the first cell in the text
        self.rows = join_broken_rows(rows)  # list of rows; row = list of cells; cell = [paragraphs]
        self.width = max(len(r) for r in self.rows)
        self.header_rows = self._count_header_rows()
        self.spans = [self._layout(i, r) for i, r in enumerate(self.rows)]  # per row: [(col, span)]
        self.labels = self._labels()

    def _count_header_rows(self):
        second = [t for t in map(text, self.rows[1]) if t] if len(self.rows) > 1 else []
        return 2 if second and all(YEAR_LABEL.match(t) for t in second) else 1

    def _layout(self, index, row):
        extra = self.width - len(row)
        widen = len(row) - 1
        if extra and index < self.header_rows and all(
                YEAR_LABEL.match(t) for t in map(text, row) if t):
            widen = 0
        elif extra and len(row) > 1 and any(k in text(self.rows[0][-1]) for k in DEPT_KEYS):
            widen = len(row) - 2
        out, col = [], 0
        for k in range(len(row)):
            span = 1 + (extra if k == widen else 0)
            out.append((col, span))
            col += span
        return out

    def _labels(self):
        labels = [""] * self.width
        for r in range(self.header_rows):
            for cell, (col, span) in zip(self.rows[r], self.spans[r]):
                for c in range(col, col + span):
                    labels[c] += re.sub(r"\s", "", text(cell))
        return labels

    def role(self, col):
        label = self.labels[col]
        if label in GROUP_LABELS or (col == 0 and not label):
            return "group"
        if any(k in label for k in DEPT_KEYS):
            return "dept"
        if label in NAME_LABELS:
            return "name"
        return "value"

    def grid(self, r):
        """{column: (cell, span)} for the cells that start in each column of row r."""
        return {col: (cell, span) for cell, (col, span) in zip(self.rows[r], self.spans[r])}

    def vertical_merges(self):
        """[(column, top_row, bottom_row)]: runs of empty cells merged into the filled cell on top."""
        runs = []
        for col in range(self.width):
            role = self.role(col)
            top = None  # row of the filled cell that empty cells below may merge into
            for r in range(len(self.rows)):
                if r == self.header_rows:
                    top = None  # a run never crosses from the header into the data
                row = self.grid(r)
                if col not in row or row[col][1] != 1:
                    top = None  # column covered by a wider cell: no vertical merge here
                    continue
                if r < self.header_rows:
                    may_continue = r > 0
                elif role == "name":  # only when the row continues the same indicator
                    may_continue = all(not text(cell) for c, (cell, _) in row.items() if c < col)
                else:
                    may_continue = role in ("group", "dept")
                if text(row[col][0]):
                    top = r
                elif top is not None and may_continue:
                    if runs and runs[-1][:2] == (col, top):
                        runs[-1] = (col, top, r)
                    else:
                        runs.append((col, top, r))
                else:
                    top = None
        return runs


def text(cell):
    return "\n".join(cell).strip()


def join_broken_rows(rows):
    width = max(len(r) for r in rows)
    out, i = [], 0
    while i < len(rows):
        total, j = len(rows[i]), i
        while total < width and j + 1 < len(rows) and total + len(rows[j + 1]) <= width:
            j += 1
            total += len(rows[j])
        if j > i and total == width:
            out.append([cell for row in rows[i:j + 1] for cell in row])
            i = j + 1
        else:
            out.append(rows[i])
            i += 1
    return out


def parse(lines):
    """Return blocks: ("p", text) or ("table", Table)."""
    blocks, i = [], 0
    while i < len(lines):
        if "\t" in lines[i]:
            table, i = parse_table(lines, i)
            blocks.append(("table", table))
        else:
            blocks.append(("p", lines[i]))
            i += 1
    return blocks


def parse_table(lines, start):
    rows, row, blanks, i, end = [], [], 0, start, start
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            head, _, rest = line.partition("\t")
            if row and (blanks or head):
                rows.append(row)
                row = []
            if head:
                row.append([head])
            row.append([rest])
            blanks, end = 0, i + 1
        elif not line.strip():
            blanks += 1
        else:
            cell = row[-1]
            last = next((p.strip() for p in reversed(cell) if p.strip()), None)
            if blanks and line.strip() == last:
                blanks = 0  # export duplicate of a merged cell: drop it
            elif blanks <= 1:
                cell.append(line)
                blanks = 0
            else:
                break
            end = i + 1
        i += 1
    rows.append(row)
    if end < len(lines) and lines[end] == "":
        end += 1  # the blank line that ends the last row
    return Table(rows, start + 1), end


def cell_at(t, r, col):
    """The cell starting at grid column col of row r (faster than t.cell, which scans the table)."""
    return _Cell(t._tbl.tr_lst[r].tc_at_grid_offset(col), t)


def write_table(document, table):
    t = document.add_table(rows=len(table.rows), cols=table.width)
    t.style = "Table Grid"
    merges = table.vertical_merges()
    continued = {(r, col) for col, top, bottom in merges for r in range(top + 1, bottom + 1)}
    for r, row in enumerate(table.rows):
        for cell, (col, span) in zip(row, table.spans[r]):
            if (r, col) in continued:
                continue  # empty (or blank) cell covered by the cell above
            target = cell_at(t, r, col)
            target.paragraphs[0].text = cell[0]
            for para in cell[1:]:
                target.add_paragraph(para)
    for r in range(len(table.rows)):
        for col, span in table.spans[r]:
            if span > 1:
                cell_at(t, r, col).merge(cell_at(t, r, col + span - 1))
    for col, top, bottom in merges:
        cell_at(t, top, col).merge(cell_at(t, bottom, col))
    return t


def build(seed_path):
    content = Path(seed_path).read_text(encoding="utf-8")
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks = parse(lines)
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)
    for kind, value in blocks:
        if kind == "p":
            document.add_paragraph(value)
        else:
            write_table(document, value)
    if blocks and blocks[-1][0] == "table":
        document.add_paragraph("")  # Word wants a paragraph after a final table
    props = document.core_properties
    props.author = props.last_modified_by = "make_docx.py"
    props.title = ""  # the plan title is in the text; keep metadata neutral
    props.comments = "generated by make_docx.py from " + Path(seed_path).name
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    return document, [v for k, v in blocks if k == "table"]


def save_deterministic(document, out_path):
    """Save, then rewrite the zip with fixed entry timestamps so reruns are byte-identical."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: make_docx.py SEEDS_DIR OUT_DIR")
    seeds, out = Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(seeds.glob("*.txt")):
        document, tables = build(seed)
        target = out / (seed.stem + ".docx")
        save_deterministic(document, target)
        shapes = ", ".join(f"{len(t.rows)}x{t.width}" for t in tables) or "none"
        print(f"{target.name}: {len(tables)} tables ({shapes})")


if __name__ == "__main__":
    main(sys.argv)
