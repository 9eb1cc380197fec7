#!/usr/bin/env python3
"""Deadline day: 500 reporters (50 counties × 10 departments) sign in and submit their forms at once, through
the API, to two `hcm serve` instances sharing one PostgreSQL database. Prints the sustained submissions per
second and the latency percentiles, beside a baseline from the same run (the same 500 clients asking the trivial
route /health once each), then counts every stored value to prove nothing was lost.

    swift build -c release --product hcm
    python3 Benchmarks/DeadlineDay/deadline_day.py --hcm .build/release/hcm --db postgres://…/empty_database
"""
import argparse
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

SEED = "Tests/PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt"
REGIONS, DEPARTMENTS, PASSWORD = 50, 10, "deadline-day-password"


def call(base, method, path, token=None, body=None, timeout=120):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    def body(response):
        data = response.read()
        return json.loads(data) if "json" in (response.headers.get("content-type") or "") and data else data
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, body(response)
    except urllib.error.HTTPError as error:
        return error.code, body(error)


def start(hcm, db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([hcm, "serve", "--db", db, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    raise SystemExit("hcm serve did not start")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def burst(clients, work):
    """Runs `work(i)` for every client at once (released together) and returns (wall seconds, latencies)."""
    latencies, gate, lock = [None] * clients, threading.Barrier(clients + 1), threading.Lock()
    def run(i):
        gate.wait()
        started = time.perf_counter()
        work(i)
        latencies[i] = time.perf_counter() - started
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    started = time.perf_counter()
    gate.wait()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hcm", default=".build/release/hcm")
    parser.add_argument("--db", required=True, help="an empty PostgreSQL database")
    args = parser.parse_args()

    subprocess.run([args.hcm, "migrate", "--db", args.db], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([args.hcm, "plans", "add", SEED, "--publish", "--db", args.db], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([args.hcm, "user", "add", "admin", "--role", "admin", "--password-stdin", "--db", args.db],
                   input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    (a, base_a), (b, base_b) = start(args.hcm, args.db), start(args.hcm, args.db)
    try:
        _, login = call(base_a, "POST", "/api/v1/auth/login", body={"username": "admin", "password": PASSWORD})
        admin = login["token"]
        _, indicators = call(base_a, "GET", "/api/v1/plans/1/indicators", admin)
        leads = {}
        for item in indicators:
            for name in item["lead"]:
                leads.setdefault(name, []).append(item["id"])
        departments = sorted(leads, key=lambda n: -len(leads[n]))[:DEPARTMENTS]
        regions = [f"33{n:04d}" for n in range(1, REGIONS + 1)]
        call(base_a, "PUT", "/api/v1/regions", admin,
             [{"code": "330000", "name": "演练省", "level": "province"}]
             + [{"code": r, "name": f"演练县{i + 1}", "level": "county", "parentCode": "330000"} for i, r in enumerate(regions)])
        department_ids = {}
        for name in departments:
            _, saved = call(base_a, "POST", "/api/v1/departments", admin, {"name": name})
            department_ids[name] = saved["id"]
        today = time.strftime("%Y-%m-%d")
        call(base_a, "POST", "/api/v1/plans/1/cycles", admin, {"year": 2020, "opens": today[:4] + "-01-01", "deadline": today[:4] + "-12-31"})
        reporters = [(f"r{ri:02d}d{di}", region, name) for ri, region in enumerate(regions) for di, name in enumerate(departments)]
        setup = time.perf_counter()
        for username, region, name in reporters:
            status, _ = call(base_a, "POST", "/api/v1/users", admin, {"username": username, "displayName": username, "role": "reporter",
                                                                       "departmentID": department_ids[name], "regionCode": region, "password": PASSWORD})
            assert status in (200, 201), f"user {username}: HTTP {status}"
        print(f"setup: {len(reporters)} reporters created in {time.perf_counter() - setup:.1f} s (bcrypt)")

        bases = [base_a, base_b]
        tokens = [None] * len(reporters)
        def sign_in(i):
            _, body = call(bases[i % 2], "POST", "/api/v1/auth/login", body={"username": reporters[i][0], "password": PASSWORD})
            tokens[i] = body["token"]
        wall, latencies = burst(len(reporters), sign_in)
        print(f"sign-in: {len(reporters)} at once in {wall:.1f} s, p50 {percentile(latencies, 50) * 1000:.0f} ms, "
              f"p99 {percentile(latencies, 99) * 1000:.0f} ms (bcrypt-bound)")

        base_wall, base_latencies = burst(len(reporters), lambda i: call(bases[i % 2], "GET", "/health"))
        results = [None] * len(reporters)
        def submit(i):
            _, region, name = reporters[i]
            changes = [{"indicatorID": ind, "year": 2020, "valueText": f"{80 + (i % 17) * 0.5}"} for ind in leads[name]]
            results[i] = (call(bases[i % 2], "POST", "/api/v1/observations", tokens[i], {"changes": changes})[0], len(changes))
        wall, latencies = burst(len(reporters), submit)
        accepted = [n for status, n in results if status == 200]
        values = sum(n for _, n in results)
        print(f"baseline: {len(reporters)} × GET /health at once: {base_wall:.2f} s, {len(reporters) / base_wall:.0f} req/s, "
              f"p99 {percentile(base_latencies, 99) * 1000:.0f} ms")
        print(f"deadline: {len(reporters)} forms ({values} values) at once on 2 instances: {wall:.2f} s, "
              f"{len(reporters) / wall:.0f} submissions/s ({values / wall:.0f} values/s), p50 {percentile(latencies, 50) * 1000:.0f} ms, "
              f"p99 {percentile(latencies, 99) * 1000:.0f} ms; ratio to baseline {base_wall / wall:.3f}")
        _, stored = call(base_b, "GET", "/api/v1/observations?plan=1&year=2020", admin)
        submitted = [o for o in stored if o["status"] == "submitted"]
        print(f"count: {len(accepted)} of {len(reporters)} forms accepted; {len(submitted)} values stored as submitted, "
              f"{sum(accepted)} acknowledged — {'nothing lost' if len(submitted) == sum(accepted) == values else 'MISMATCH'}")
        if not (len(submitted) == sum(accepted) == values):
            raise SystemExit(1)
    finally:
        for server in (a, b):
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
