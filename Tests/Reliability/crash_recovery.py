#!/usr/bin/env python3
"""Crash recovery: `kill -9` the server in the middle of a burst of batch submissions, restart it, and check
that every acknowledged batch is there in full and that no batch is there in part.

Each batch writes ten observations (indicators 1–10 of the plan, one region code of its own, 2020) in one
request, acknowledged by HTTP 200 only after the store's transaction committed. After the crash, for every
region code, either all ten observations exist with that batch's value or none do; and every batch that was
acknowledged before the kill exists.

    python3 Tests/Reliability/crash_recovery.py --hcm .build/debug/hcm --store sqlite
    python3 Tests/Reliability/crash_recovery.py --hcm .build/debug/hcm --store postgres --db postgres://…
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

WORKERS = 16
BATCH = 10


def value_of(batch):
    """Batch k's value: inside every default plausible range (% 0–100, 岁 0–130, ‰, /10万), so the values are
    accepted whatever the demo's first indicators measure; the batch itself is told by its region code."""
    return str(1 + batch % 90)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, token=None, body=None, timeout=10):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


def start(hcm, db, port, demo):
    arguments = [hcm, "serve", "--db", db, "--port", str(port)] + (["--demo"] if demo else [])
    server = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    password = None
    for line in server.stdout:
        if line.strip().startswith("admin（admin）："):
            password = line.strip().split("：", 1)[1]
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
            return server, password
        except OSError:
            time.sleep(0.1)
    raise SystemExit("hcm serve did not start listening")


def prepare_postgres(hcm, db, seed, password):
    """A published plan and an administrator in the (empty) PostgreSQL database."""
    env = dict(os.environ)
    subprocess.run([hcm, "migrate", "--db", db], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run([hcm, "plans", "add", seed, "--publish", "--db", db], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([hcm, "user", "add", "admin", "--role", "admin", "--password-stdin", "--db", db],
                   input=password + "\n", text=True, check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hcm", required=True)
    parser.add_argument("--store", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--db", help="the PostgreSQL URL (an empty database) for --store postgres")
    parser.add_argument("--seed", default="Tests/PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hcm-crash-") as directory:
        if args.store == "sqlite":
            db, demo, password = os.path.join(directory, "crash.sqlite"), True, None
        else:
            db, demo, password = args.db, False, "crash-test-password"
            prepare_postgres(args.hcm, db, args.seed, password)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, printed = start(args.hcm, db, port, demo)
        password = password or printed
        _, login = call(base, "POST", "/api/v1/auth/login", body={"username": "admin", "password": password})
        token = login["token"]
        _, plans = call(base, "GET", "/api/v1/plans", token)
        plan = plans[0]["id"]
        _, indicators = call(base, "GET", f"/api/v1/plans/{plan}/indicators", token)
        ids = [i["id"] for i in indicators[:BATCH]]

        acknowledged, lock, stop = set(), threading.Lock(), threading.Event()
        counter = iter(range(1, 10**9))

        def worker():
            while not stop.is_set():
                with lock:
                    k = next(counter)
                body = {"changes": [{"indicatorID": i, "regionCode": f"C{k:06d}", "year": 2020, "valueText": value_of(k)} for i in ids]}
                try:
                    status, _ = call(base, "POST", "/api/v1/observations", token, body)
                    if status == 200:
                        with lock:
                            acknowledged.add(k)
                except (urllib.error.URLError, ConnectionError, OSError):
                    return  # the server is gone: this batch was never acknowledged

        threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
        for t in threads:
            t.start()
        # Kill in the middle of the burst: once a few hundred batches are in.
        deadline = time.time() + 60
        while len(acknowledged) < 300 and time.time() < deadline:
            time.sleep(0.05)
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        for t in threads:
            t.join()
        sent = next(counter) - 1
        print(f"{args.store}: killed the server with -9 after {len(acknowledged)} acknowledged of {sent} batches sent")

        server, _ = start(args.hcm, db, port, demo)
        try:
            _, login = call(base, "POST", "/api/v1/auth/login", body={"username": "admin", "password": password})
            _, observations = call(base, "GET", f"/api/v1/observations?plan={plan}&year=2020", login["token"], timeout=60)
        finally:
            server.terminate()
            server.wait(timeout=30)

    batches = {}
    for o in observations:
        if o["regionCode"].startswith("C"):
            batches.setdefault(o["regionCode"], []).append(o)
    failures = []
    for region, rows in batches.items():
        k = int(region[1:])
        if len(rows) != BATCH:
            failures.append(f"batch {k} is half-written: {len(rows)} of {BATCH} observations")
        if any(r["valueText"] != value_of(k) or r["status"] != "submitted" for r in rows):
            failures.append(f"batch {k} has values that are not its own")
    stored = {int(r[1:]) for r in batches}
    lost = sorted(acknowledged - stored)
    if lost:
        failures.append(f"{len(lost)} acknowledged batches lost, e.g. {lost[:5]}")
    print(f"{args.store}: after restart {len(stored)} batches stored ({len(stored) - len(acknowledged & stored)} "
          f"committed without their acknowledgement reaching the client), {len(lost)} lost, "
          f"{sum(1 for rows in batches.values() if len(rows) != BATCH)} half-written")
    if failures:
        print("crash recovery FAILED:\n  " + "\n  ".join(failures[:20]))
        sys.exit(1)
    print(f"{args.store}: crash recovery passed")


if __name__ == "__main__":
    main()
