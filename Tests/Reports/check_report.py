#!/usr/bin/env python3
"""The annual report on the demo database, re-read by independent tools: `hcm report` writes DOCX, XLSX,
HTML and CSV; python-docx and openpyxl read them back and their numbers must equal `hcm evaluate --json`'s;
LibreOffice converts the DOCX to PDF without error. And the offline template: downloaded, filled in by
openpyxl, uploaded through the API.

    python3 Tests/Reports/check_report.py --hcm .build/debug/hcm --soffice /usr/bin/soffice
"""
import argparse
import csv
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import docx
import openpyxl


def demo_server(hcm, path):
    """Starts `hcm serve --demo` on a new database; returns the process, its address and the passwords."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([hcm, "serve", "--demo", "--db", path, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    passwords = {}
    for line in server.stdout:
        if "）：" in line:
            name, password = line.strip().split("：", 1)
            passwords[name.split("（")[0]] = password
        if "正在 http" in line:
            break
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, base, passwords


def call(base, method, path, token=None, body=None, content_type="application/json"):
    request = urllib.request.Request(base + path, method=method, data=body)
    request.add_header("content-type", content_type)
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def template_round_trip(base, passwords, expect):
    """The reporter's template filled in by openpyxl (as Excel would save it) and uploaded: all rows or none."""
    _, body = call(base, "POST", "/api/v1/auth/login",
                   body=json.dumps({"username": "weijian", "password": passwords["weijian"]}).encode())
    token = json.loads(body)["token"]
    status, data = call(base, "GET", "/api/v1/template", token)
    expect(status == 200, f"template download: HTTP {status}")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["填报"]
    # Columns: 系统编号, 版本 (both hidden), 编号, 指标, 单位, 目标, 上年值, 本年值 (H), 佐证说明, 说明, 当前状态.
    expect(sheet.protection.sheet and sheet["H2"].protection.locked is False and sheet["D2"].protection.locked,
           "the template is protected except its input cells")

    def number(value):
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    # Last year's approved number again: a value the rules take (a number, in range, no big change).
    rows = [row for row in sheet.iter_rows(min_row=2) if row[7].protection.locked is False and number(row[6].value) is not None]
    expect(len(rows) >= 2, f"the template has rows with last year's numbers: {len(rows)}")
    for row in rows:
        row[7].value = "不是数字" if row is rows[0] else number(row[6].value)
    saved = io.BytesIO()
    workbook.save(saved)
    status, body = call(base, "POST", "/api/v1/template?action=saveDraft", token, saved.getvalue(), "application/octet-stream")
    problems = json.loads(body)["error"].get("problems", []) if status != 200 else []
    expect(status == 422 and len(problems) >= 1 and problems[0]["row"] == rows[0][0].row and problems[0]["column"] == "H",
           f"a word in a number cell is refused with its row and column: HTTP {status} {problems[:1]}")
    rows[0][7].value = number(rows[0][6].value)
    saved = io.BytesIO()
    workbook.save(saved)
    status, body = call(base, "POST", "/api/v1/template?action=saveDraft", token, saved.getvalue(), "application/octet-stream")
    expect(status == 200 and len(json.loads(body)) == len(rows),
           f"the template filled in by openpyxl is saved whole: HTTP {status} {body[:300]!r}")
    print(f"template: openpyxl filled {len(rows)} rows; a bad cell was named, then all rows were saved")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hcm", required=True)
    parser.add_argument("--soffice")
    args = parser.parse_args()
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    with tempfile.TemporaryDirectory(prefix="hcm-report-") as directory:
        db = os.path.join(directory, "demo.sqlite")
        server, base, passwords = demo_server(args.hcm, db)
        try:
            template_round_trip(base, passwords, expect)
        finally:
            server.terminate()
            server.wait(timeout=30)
        selection = ["--db", db, "--plan", "1", "--year", "2019"]
        evaluation = json.loads(subprocess.run([args.hcm, "evaluate", *selection, "--json"], check=True,
                                               capture_output=True, text=True).stdout)
        totals = {k: sum(r["summary"]["total"][k] for r in evaluation["regions"])
                  for k in ["met", "notMet", "needsReview", "noData", "atRisk"]}
        judged = totals["met"] + totals["notMet"]
        print(f"hcm evaluate --json: {len(evaluation['regions'])} regions, totals {totals}")
        files = {}
        for fmt in ["docx", "xlsx", "html", "csv", "scorecards"]:
            files[fmt] = os.path.join(directory, f"report.{fmt}")
            subprocess.run([args.hcm, "report", *selection, "--format", fmt, "-o", files[fmt]], check=True, capture_output=True)

        # DOCX: the overview's total row and the region ranking carry the evaluation's numbers.
        document = docx.Document(files["docx"])
        overview = [[c.text for c in row.cells] for row in document.tables[0].rows]
        expect(overview[-1][:6] == ["合计", str(totals["met"]), str(totals["notMet"]), str(totals["needsReview"]),
                                    str(totals["noData"]), str(totals["atRisk"])],
               f"DOCX overview total {overview[-1]} differs from hcm evaluate {totals}")
        expect(overview[-1][6] == f"{totals['met'] / judged * 100:.1f}%", "DOCX met rate")
        ranking = [[c.text for c in row.cells] for row in document.tables[-2].rows][1:]
        expected = [(str(card["rank"]), f"{card['score']:.2f}") for card in evaluation["assessment"]["regions"]]
        expect([(row[0], row[2]) for row in ranking] == expected, "DOCX region ranking differs from hcm evaluate")
        expect(len(document.inline_shapes) == 1, "DOCX has its chart")
        expect(document.paragraphs[0].style.name == "Title", "DOCX starts with its title")

        # Scorecards: one titled page per lead department, in the assessment's order.
        cards = docx.Document(files["scorecards"])
        headings = [p.text for p in cards.paragraphs if p.style.name == "Heading 1"]
        expect(headings == [f"{d['name']} 2019 年度考核计分卡" for d in evaluation["assessment"]["departments"]],
               "scorecards: one per lead department, in ranking order")

        # XLSX: counting the status column of every domain sheet gives the evaluation's totals.
        workbook = openpyxl.load_workbook(files["xlsx"])
        names = {"达标": "met", "未达标": "notMet", "待判定": "needsReview", "无数据": "noData"}
        counted = dict.fromkeys(names.values(), 0)
        for sheet in workbook.worksheets[1:-2]:
            expect(sheet.freeze_panes == "A2", f"XLSX sheet {sheet.title} has a frozen header")
            for row in sheet.iter_rows(min_row=2, values_only=True):
                counted[names[row[10]]] += 1
        expect(counted == {k: totals[k] for k in counted}, f"XLSX counts {counted} differ from hcm evaluate")

        # CSV: the same rows as the workbook.
        with open(files["csv"], encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        expect(len(rows) - 1 == sum(counted.values()), "CSV has one row per indicator × region")
        expect("合计" in open(files["html"], encoding="utf-8").read(), "HTML report has the overview")

        if args.soffice:
            profile = os.path.join(directory, "profile")
            result = subprocess.run([args.soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                                     "--convert-to", "pdf", "--outdir", directory, files["docx"]],
                                    capture_output=True, text=True, timeout=180)
            pdf = os.path.join(directory, "report.pdf")
            expect(result.returncode == 0 and os.path.exists(pdf) and os.path.getsize(pdf) > 10_000,
                   f"LibreOffice did not convert the DOCX: {result.stderr}")
            print(f"LibreOffice: report.pdf {os.path.getsize(pdf) if os.path.exists(pdf) else 0} bytes")

    if failures:
        print("report check FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("report check passed: DOCX, XLSX and CSV carry the numbers of hcm evaluate --json")


if __name__ == "__main__":
    main()
