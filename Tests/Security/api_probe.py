#!/usr/bin/env python3
"""Security probes against `hcm serve --demo`: every input of the JSON API, as /api/v1/openapi.json describes
it, must be refused or accepted with a 4xx or 2xx — never a 5xx — and no HTML the server sends may carry a
script it was given.

1. The OpenAPI document validates (openapi-spec-validator).
2. Schemathesis generates requests from it — a bounded number per operation, a fixed seed — as an
   administrator and as a reporter, with the checks no server error, status code, content type and response
   schema conformance (every error is the documented {"error": {"code", "message", "field"}} body).
3. Injection: SQL-injection strings and script payloads in every string field of every JSON body, every
   query parameter and the path id, one at a time in an otherwise valid request; no 5xx, and no HTML response
   containing the payload unescaped. Then the payloads are stored where the pages show them (a plan uploaded
   and published with them in its title and indicators, a department, a target revision) and every page and
   the HTML report are read back.
4. Hostile uploads: two 1 GiB zip bombs (.docx, .xlsx), XML nested 200,000 deep and a body over the 16 MiB
   limit are refused with a 4xx while the server's peak memory grows by less than 64 MiB.
5. The database still works: the plans and observations read before are all there, and /health answers.

    .ci/venv/bin/python Tests/Security/api_probe.py --hcm .build/debug/hcm [--examples 50] [--seed 20240607]
        [--db postgres://…/empty_database]
"""
import argparse
import copy
import csv
import io
import http.cookiejar
import html
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from openapi_spec_validator import validate as validate_openapi

SQL = ["' OR 1=1--", "1; DROP TABLE observations", "330302' UNION SELECT username, password_hash FROM users--",
       "\"; DELETE FROM plans; --"]
SCRIPTS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]
# What must never appear in HTML: the markup of a script payload (escaped, it reads &lt;script&gt;…).
DANGEROUS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
          "positive_data_acceptance")
# Signing out would end the session the rest of the run uses.
EXCLUDED = ["/api/v1/auth/logout"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(hcm, db):
    """`hcm serve --demo` on a new database; returns the process, its address and the demo passwords."""
    port = free_port()
    server = subprocess.Popen([hcm, "serve", "--demo", "--db", db, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    passwords = {}
    for line in server.stdout:
        if "）：" in line:  # "  admin（admin）：PASSWORD"
            name, password = line.strip().split("：", 1)
            passwords[name.split("（")[0]] = password
        if "正在 http" in line:
            break
    if server.poll() is not None:
        raise SystemExit(f"hcm serve exited with status {server.returncode}")
    # Keep reading its output so the server never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}", passwords
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("hcm serve did not start listening")


class Response:
    def __init__(self, status, content_type, body):
        self.status, self.content_type, self.body = status, content_type, body

    def json(self):
        return json.loads(self.body)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def call(base, method, path, token=None, body=None, content_type="application/json"):
    data = json.dumps(body).encode() if content_type == "application/json" and body is not None else body
    request = urllib.request.Request(base + path, method=method, data=data)
    request.add_header("content-type", content_type)
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Response(response.status, response.headers.get("content-type", ""), response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers.get("content-type", ""), error.read())


def page_session(base, username, password):
    """A browser's sign-in through the form: the pages read the session cookie, never a bearer token."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(base + "/login", timeout=60).read().decode()
    csrf = html.unescape(re.search(r'name="_csrf" value="([^"]+)"', form).group(1))
    fields = urllib.parse.urlencode({"_csrf": csrf, "username": username, "password": password}).encode()
    with opener.open(urllib.request.Request(base + "/login", data=fields, method="POST"), timeout=60) as answer:
        if answer.geturl().endswith("/login"):
            raise SystemExit(f"page sign-in as {username} failed")
    return opener


def login(base, username, password):
    response = call(base, "POST", "/api/v1/auth/login", body={"username": username, "password": password})
    if response.status != 200:
        raise SystemExit(f"sign-in as {username}: HTTP {response.status} {response.text[:200]}")
    return response.json()["token"]


class Probe:
    def __init__(self, base, tokens):
        self.base, self.tokens = base, tokens
        self.failures, self.requests = [], 0

    def send(self, role, method, path, body=None, content_type="application/json", payload=None):
        """One request; a 5xx, or HTML with the payload unescaped, is a failure naming the request."""
        response = call(self.base, method, path, self.tokens.get(role), body, content_type)
        self.requests += 1
        shown = body if content_type == "application/json" else (body or b"")[:120].decode("utf-8", "replace")
        where = f"{method} {path} as {role} with {json.dumps(shown, ensure_ascii=False)[:300]}"
        if response.status >= 500:
            self.failures.append(f"{where}\n    → HTTP {response.status}: {response.text[:300]}")
        self.check_html(where, response, [payload] if payload else DANGEROUS)
        return response

    def check_html(self, where, response, payloads):
        if "html" not in response.content_type:
            return
        for payload in payloads:
            for dangerous in [d for d in DANGEROUS if d in payload]:
                if dangerous in response.text:
                    self.failures.append(f"{where}\n    → HTTP {response.status} {response.content_type} reflects "
                                         f"{dangerous!r} unescaped")


def example(schema, components, name="", hints=None):
    """A valid instance of `schema`, with the demo's real ids and codes where a name calls for one."""
    hints = hints or {}
    if "$ref" in schema:
        return example(components[schema["$ref"].split("/")[-1]], components, name, hints)
    if name in hints:
        return hints[name]
    kind = schema.get("type")
    if kind == "object":
        return {key: example(sub, components, key, hints) for key, sub in schema.get("properties", {}).items()
                if key in schema.get("required", []) or sub.get("type") == "string"}
    if kind == "array":
        return [example(schema["items"], components, name, hints)]
    if "enum" in schema:
        return schema["enum"][0]
    return {"integer": 1, "number": 1, "boolean": True}.get(kind, "演示")


def string_paths(value, prefix=()):
    """Every place in a JSON value that holds a string."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from string_paths(sub, prefix + (key,))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from string_paths(sub, prefix + (index,))
    elif isinstance(value, str):
        yield prefix


def replaced(value, path, payload):
    value = copy.deepcopy(value)
    target = value
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = payload
    return value


def roles_for(operation):
    """The demo accounts to send an operation as: the roles it names among administrator and reporter."""
    roles = operation.get("description", "")
    if "signed in" in roles or "anyone" in roles:
        return ["admin", "reporter"]
    return [role for role in ["admin", "reporter"] if role in roles] or ["admin"]


def inject(probe, document, hints, plan_id):
    """Each payload in each string field, query parameter and path id of every operation, one at a time."""
    components = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path in EXCLUDED:
                continue
            query = {p["name"]: str(hints.get(p["name"], example(p["schema"], components, p["name"], hints)))
                     for p in operation.get("parameters", []) if p["in"] == "query"}
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            body = example(schema, components, hints=hints) if schema else None
            file_body = "application/octet-stream" in content
            for role in roles_for(operation):
                for payload in SQL + SCRIPTS:
                    def url(id_value=str(plan_id), params=query):
                        encoded = urllib.parse.urlencode(params)
                        return path.replace("{id}", urllib.parse.quote(id_value, safe="")) + (f"?{encoded}" if encoded else "")
                    if "{id}" in path:
                        probe.send(role, method.upper(), url(id_value=payload), body, payload=payload)
                    for name in query:
                        probe.send(role, method.upper(), url(params={**query, name: payload}), body, payload=payload)
                    for location in string_paths(body):
                        probe.send(role, method.upper(), url(), replaced(body, location, payload), payload=payload)
                    if file_body:
                        probe.send(role, method.upper(), url(), payload.encode(), "application/octet-stream", payload)


def store_payloads(probe, plan_id, indicator_id):
    """Payloads where pages show them; returns the pages and downloads to read them back from."""
    script, image = SCRIPTS
    rows = [["领域", "指标", "2020年", "牵头单位"], [f"健康水平{script}", f"人均预期寿命{image}（岁）", "81", f"市卫生健康委{script}"],
            ["健康服务", image, script, image]]
    document = io.StringIO()
    csv.writer(document).writerows(rows)
    document = document.getvalue().encode()
    upload = probe.send("admin", "POST", "/api/v1/plans?filename=" + urllib.parse.quote(f"{script}.csv"), document,
                        "application/octet-stream", script)
    pages = ["/", "/report", "/plans", f"/plans/{plan_id}", f"/indicators/{indicator_id}", "/review", "/revisions", "/regions",
             "/import", f"/plans/{plan_id}/report?year=2020&format=html", "/public", f"/public/plans/{plan_id}"]
    if upload.status == 201:
        stored = upload.json()["id"]
        probe.send("admin", "POST", f"/api/v1/plans/{stored}/publish")
        probe.send("admin", "POST", f"/api/v1/plans/{stored}/cycles", {"year": 2020})
        pages += [f"/import/{stored}", f"/plans/{stored}", f"/public/plans/{stored}",
                  f"/plans/{stored}/report?year=2020&format=html", f"/api/v1/plans/{stored}/report?year=2020&format=html"]
    else:
        probe.failures.append(f"a plan with script in its text was not stored (HTTP {upload.status}): "
                              f"{upload.text[:200]}")
    probe.send("admin", "POST", "/api/v1/departments", {"name": f"市{script}局", "aliases": [image]})
    probe.send("admin", "POST", "/api/v1/revisions",
               {"indicatorID": indicator_id, "year": 2020, "newText": f"≥80{script}", "reason": image})
    probe.send("reporter", "POST", "/api/v1/observations", {"changes": [
        {"indicatorID": indicator_id, "year": 2020, "action": "submit", "valueText": script, "evidence": image}]})
    return pages


def read_back(probe, pages, sessions):
    """Every page as each signed-in user (through the session cookie) and as anyone. Some must show a payload,
    escaped: else the check above proves nothing."""
    shown = 0
    for page in pages:
        for role, opener in sessions.items():
            try:
                with opener.open(probe.base + page, timeout=60) as answer:
                    response = Response(answer.status, answer.headers.get("content-type", ""), answer.read())
            except urllib.error.HTTPError as error:
                response = Response(error.code, error.headers.get("content-type", ""), error.read())
            probe.requests += 1
            where = f"GET {page} as {role}"
            if response.status >= 500:
                probe.failures.append(f"{where}\n    → HTTP {response.status}: {response.text[:300]}")
            probe.check_html(where, response, SCRIPTS)
            shown += "html" in response.content_type and html.escape(SCRIPTS[0], quote=False) in response.text
    print(f"read back {len(pages)} pages as {', '.join(sessions)}: {shown} showed the stored script, escaped", flush=True)
    if shown == 0:
        probe.failures.append("no page showed the stored payloads: the reflection check read nothing")


def schemathesis_config(path, ids, indicator_ids, region):
    """Half the generated ids, years and regions are the demo's real ones, so that requests get past the
    lookups into the code behind them; the other half stay random. A request the document calls valid may be
    refused for what the database holds (403, 404, 409, 422) or for too many failed sign-ins (429), but never
    as unreadable (400): that would mean the document and the server's decoding disagree."""
    def dictionary(values):
        return "{ values = [" + ", ".join(json.dumps(v) for v in values) + "] }"
    bindings = {"path.id": "ids", "query.plan": "plans", "query.year": "years", "body.year": "years",
                "body.changes[*].year": "years", "query.region": "regions", "body.regionCode": "regions",
                "body.changes[*].regionCode": "regions", "body.indicatorID": "indicators",
                "body.changes[*].indicatorID": "indicators"}
    with open(path, "w") as config:
        config.write(f"""[dictionaries]
ids = {dictionary(ids)}
plans = {dictionary(ids[:1])}
years = {dictionary([2018, 2019, 2020])}
regions = {dictionary([region])}
indicators = {dictionary(indicator_ids)}

[parameters]
""")
        for key, name in bindings.items():
            config.write(f'"{key}" = {{ dictionary = "{name}", probability = 0.5 }}\n')
        config.write("""
[checks.positive_data_acceptance]
expected-statuses = ["2XX", "401", "403", "404", "409", "422", "429"]
""")


def schemathesis(venv_bin, config, base, token, role, examples, seed):
    """Schemathesis against the served document as one user; returns its exit status."""
    command = [os.path.join(venv_bin, "schemathesis"), "--config-file", config, "run", f"{base}/api/v1/openapi.json",
               "--header", f"Authorization: Bearer {token}", "--checks", CHECKS,
               "--max-examples", str(examples), "--seed", str(seed), "--workers", "1",
               "--phases", "examples,coverage,fuzzing", "--generation-database", "none",
               "--request-timeout", "60", "--no-color", "--output-truncate", "true"]
    for path in EXCLUDED:
        command += ["--exclude-path", path]
    shown = ["Authorization: Bearer …" if "Bearer" in c else c for c in command]
    print(f"== schemathesis as {role}: {' '.join(shown)}", flush=True)
    started = time.time()
    # In the temporary directory: schemathesis keeps what it replays in .schemathesis/ under its working one.
    status = subprocess.run(command, stdin=subprocess.DEVNULL, cwd=os.path.dirname(config)).returncode
    print(f"== schemathesis as {role}: exit {status} in {time.time() - started:.0f} s", flush=True)
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hcm", required=True, help="the hcm binary")
    parser.add_argument("--examples", type=int, default=50, help="schemathesis examples per operation")
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--db", help="an empty PostgreSQL database (postgres://…); default a new SQLite file")
    args = parser.parse_args()
    venv_bin = os.path.dirname(sys.executable)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="hcm-probe-") as directory:
        server, base, passwords = start(args.hcm, args.db or os.path.join(directory, "probe.sqlite"))
        try:
            failures, schemathesis_failed, requests = probe_server(args, venv_bin, directory, base, passwords, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n== summary ({time.time() - started:.0f} s)")
    print(f"schemathesis: {'FAILED as ' + ', '.join(schemathesis_failed) if schemathesis_failed else 'passed'} "
          f"(checks {CHECKS}; {args.examples} examples per operation, seed {args.seed})")
    print(f"injection: {requests} requests with {len(SQL)} SQL and {len(SCRIPTS)} script payloads, "
          f"{len(failures)} failures")
    for failure in failures[:40]:
        print("  " + failure)
    if failures or schemathesis_failed:
        sys.exit(1)
    print("api probe passed")


def probe_server(args, venv_bin, directory, base, passwords, pid):
    # Signed in before schemathesis, whose failed sign-ins may lock the demo accounts out for a while.
    tokens = {"admin": login(base, "admin", passwords["admin"]), "reporter": login(base, "weijian", passwords["weijian"])}
    sessions = {"admin": page_session(base, "admin", passwords["admin"]),
                "reporter": page_session(base, "weijian", passwords["weijian"]), "anyone": urllib.request.build_opener()}
    document = call(base, "GET", "/api/v1/openapi.json").json()
    validate_openapi(document)
    print("the OpenAPI document validates", flush=True)

    plans_before = call(base, "GET", "/api/v1/plans", tokens["admin"]).json()
    plan_id = plans_before[0]["id"]
    observations_before = call(base, "GET", f"/api/v1/observations?plan={plan_id}", tokens["admin"]).json()
    indicators = call(base, "GET", f"/api/v1/plans/{plan_id}/indicators", tokens["admin"]).json()
    me = call(base, "GET", "/api/v1/me", tokens["reporter"]).json()
    # The reporter's own indicator, region and an open year, so each probe gets past the checks before the one
    # its payload is in.
    hints = {"year": 2020, "plan": plan_id, "indicatorID": indicators[0]["id"], "regionCode": me["regionCode"],
             "region": me["regionCode"], "actionIndex": 0, "taskIndex": 0, "format": "html", "filename": "plan.csv"}

    config = os.path.join(directory, "schemathesis.toml")
    # The plan first, then a department, a user and an observation for the other operations' ids.
    ids = [plan_id, me["departmentID"], me["id"], observations_before[0]["id"]]
    schemathesis_config(config, ids, [i["id"] for i in indicators[:20]], me["regionCode"])
    schemathesis_failed = [role for role in ["admin", "reporter"]
                           if schemathesis(venv_bin, config, base, tokens[role], role, args.examples, args.seed) != 0]

    probe = Probe(base, tokens)
    inject(probe, document, hints, plan_id)
    read_back(probe, store_payloads(probe, plan_id, indicators[0]["id"]), sessions)
    hostile_uploads(base, tokens["admin"], pid, probe.failures)

    # Still working, nothing lost: every plan and every observation read before is there.
    if call(base, "GET", "/health").status != 200:
        probe.failures.append("GET /health no longer answers 200")
    plans_after = {p["id"]: p["title"] for p in call(base, "GET", "/api/v1/plans", tokens["admin"]).json()}
    lost = [p for p in plans_before if plans_after.get(p["id"]) != p["title"]]
    if lost:
        probe.failures.append(f"plans lost or renamed: {lost}")
    response = call(base, "GET", f"/api/v1/observations?plan={plan_id}", tokens["admin"])
    ids_after = {o["id"] for o in response.json()} if response.status == 200 else set()
    missing = [o["id"] for o in observations_before if o["id"] not in ids_after]
    if response.status != 200 or missing:
        probe.failures.append(f"observations lost: HTTP {response.status}, {len(missing)} of {len(observations_before)} missing")
    print(f"integrity: {len(plans_before)} plans and {len(observations_before)} observations read before, "
          f"{len(lost)} plans and {len(missing)} observations missing after", flush=True)
    return probe.failures, schemathesis_failed, probe.requests


MEMORY_BUDGET_MIB = 64


def zip_bomb(name, part, mebibytes):
    """An Office package whose one part inflates to `mebibytes` MiB of zeros (about a thousandth of that packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open(part, "w", force_zip64=True) as stream:
            chunk = b"\0" * (1 << 20)
            for _ in range(mebibytes):
                stream.write(chunk)
    return name, buffer.getvalue()


def nested_docx(depth=200_000):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document><w:body>" + "<w:p>" * depth + "</w:p>" * depth + "</w:body></w:document>")
    return "nested.docx", buffer.getvalue()


def hostile_uploads(base, token, pid, failures):
    """Zip bombs, deeply nested XML and a body over the upload limit, sent as plan documents: each is refused
    with a 4xx, and the server's peak memory (VmHWM) grows by less than MEMORY_BUDGET_MIB over all of them."""
    def peak_mib():
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    before = peak_mib()
    for name, data in [zip_bomb("bomb.docx", "word/document.xml", 1024), zip_bomb("bomb.xlsx", "xl/worksheets/sheet1.xml", 1024),
                       nested_docx()]:
        response = call(base, "POST", "/api/v1/plans?filename=" + name, token, data, "application/octet-stream")
        if not 400 <= response.status < 500:
            failures.append(f"{name} ({len(data)} bytes) was not refused: HTTP {response.status} {response.text[:200]}")
    # Over the 16 MiB limit: 413, or the connection closed once the limit is passed.
    try:
        status = call(base, "POST", "/api/v1/plans?filename=big.txt", token, b"x" * (16 * 1024 * 1024 + 1), "text/plain").status
    except (ConnectionError, urllib.error.URLError):
        status = 413
    if status != 413:
        failures.append(f"an upload over the limit was answered with HTTP {status}, not 413")
    grown = peak_mib() - before
    print(f"hostile uploads: 2 zip bombs of 1 GiB, XML nested 200,000 deep, 16 MiB + 1 byte: refused; "
          f"peak memory grew {grown:.0f} MiB (budget {MEMORY_BUDGET_MIB})", flush=True)
    if grown > MEMORY_BUDGET_MIB:
        failures.append(f"peak memory grew {grown:.0f} MiB over hostile uploads (budget {MEMORY_BUDGET_MIB} MiB)")


if __name__ == "__main__":
    main()
