#!/usr/bin/env python3
"""PostgreSQL faults under writes on two instances: every request answered, nothing acknowledged lost, both
instances stop on SIGTERM.

1. Two `hcm serve --demo` instances start together on one empty database: the demo is seeded once (one plan).
2. Writers post batches of ten observations (one region code of their own each) to both instances while the
   database's backends are terminated twice and the cluster is restarted once in between.
3. Every request must be answered within ANSWER_BOUND seconds: 200, or a JSON 503 with Retry-After (never an
   empty body, never another 5xx, never a hang); afterwards every acknowledged batch is there in full and no
   batch is there in part.
4. After the faults no connection of the instances is left in CLOSE-WAIT, and each instance exits within
   10 s of SIGTERM.

    python3 Tests/Reliability/postgres_faults.py --hcm .build/debug/hcm --db postgres://…/hcm_faults \
        --psql /usr/lib/postgresql/17/bin/psql --restart "runuser -u postgres -- pg_ctl -D … restart -m fast -w"
"""
import argparse
import json
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

WORKERS = 8
BATCH = 10


def value_of(batch):
    """Batch k's value: inside every default plausible range (% 0–100, 岁 0–130, ‰, /10万), so the values are
    accepted whatever the demo's first indicators measure; the batch itself is told by its region code."""
    return str(1 + batch % 90)


ANSWER_BOUND = 40
STOP_BOUND = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, token=None, body=None, timeout=ANSWER_BOUND + 10):
    """(status, headers, parsed body); raises on no answer."""
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = {"unparsable": raw[:200].decode("utf-8", "replace")}
        return error.code, error.headers, parsed


def start(hcm, db, port, output):
    server = subprocess.Popen([hcm, "serve", "--db", db, "--port", str(port), "--demo"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def read():
        for line in server.stdout:
            output.append(line.rstrip())
    threading.Thread(target=read, daemon=True).start()
    return server


def wait_listening(port, server, output):
    deadline = time.time() + 120
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"hcm serve exited with status {server.returncode}:\n" + "\n".join(output[-20:]))
        if any("正在 http" in line for line in output):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                pass
        time.sleep(0.1)
    raise SystemExit("hcm serve did not start listening:\n" + "\n".join(output[-20:]))


def close_wait(ports, pg_port):
    """Sockets of ours in CLOSE-WAIT towards PostgreSQL (ss lists only what this user may see)."""
    out = subprocess.run(["ss", "-tn", "state", "close-wait", f"( dport = :{pg_port} )"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines()[1:] if line.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hcm", required=True)
    parser.add_argument("--db", required=True, help="an empty PostgreSQL database")
    parser.add_argument("--psql", required=True, help="psql, to terminate the database's backends")
    parser.add_argument("--restart", required=True, help="the command that restarts the cluster (pg_ctl restart)")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.db)
    database, pg_port = url.path.lstrip("/"), url.port or 5432

    def sql(statement):
        return subprocess.run([args.psql, "-h", url.hostname, "-p", str(pg_port), "-U", url.username or "postgres",
                               "-d", database, "-At", "-c", statement], capture_output=True, text=True).stdout

    def terminate_backends():
        killed = sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     f"WHERE datname = '{database}' AND pid <> pg_backend_pid()").strip()
        print(f"  terminated {killed} backends")

    outputs = [[], []]
    ports = [free_port(), free_port()]
    servers = [start(args.hcm, args.db, port, output) for port, output in zip(ports, outputs)]
    failures = []
    try:
        for server, port, output in zip(servers, ports, outputs):
            wait_listening(port, server, output)
        passwords = [line.split("：", 1)[1] for output in outputs for line in output if line.strip().startswith("admin（admin）：")]
        if len(passwords) != 1:
            failures.append(f"the demo was seeded {len(passwords)} times by two instances started together")
            if not passwords:
                raise SystemExit("no instance printed the demo passwords:\n" + "\n".join(outputs[0] + outputs[1]))
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        tokens = [call(base, "POST", "/api/v1/auth/login", body={"username": "admin", "password": passwords[0]})[2]["token"]
                  for base in bases]
        _, _, plans = call(bases[0], "GET", "/api/v1/plans", tokens[0])
        if len(plans) != 1:
            failures.append(f"{len(plans)} plans after two instances seeded the demo together (expected 1)")
        plan = plans[0]["id"]
        _, _, indicators = call(bases[0], "GET", f"/api/v1/plans/{plan}/indicators", tokens[0])
        ids = [i["id"] for i in indicators[:BATCH]]

        acknowledged, answers, problems = set(), {}, []
        lock, stop = threading.Lock(), threading.Event()
        counter = iter(range(1, 10**9))

        def worker(n):
            base, token = bases[n % 2], tokens[n % 2]
            while not stop.is_set():
                with lock:
                    k = next(counter)
                body = {"changes": [{"indicatorID": i, "regionCode": f"F{k:06d}", "year": 2020, "valueText": value_of(k)} for i in ids]}
                started = time.monotonic()
                try:
                    status, headers, parsed = call(base, "POST", "/api/v1/observations", token, body)
                except (urllib.error.URLError, OSError) as error:
                    with lock:
                        problems.append(f"batch {k}: no answer after {time.monotonic() - started:.1f} s ({error})")
                    continue
                took = time.monotonic() - started
                with lock:
                    answers[status] = answers.get(status, 0) + 1
                    if status == 200:
                        acknowledged.add(k)
                    elif status == 503:
                        if not headers.get("Retry-After") or "error" not in (parsed or {}):
                            problems.append(f"batch {k}: 503 without Retry-After or JSON error: {parsed}")
                    else:
                        problems.append(f"batch {k}: {status} {parsed}")
                    if took > ANSWER_BOUND:
                        problems.append(f"batch {k}: answered after {took:.1f} s")
                if status == 503:
                    time.sleep(0.2)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        terminate_backends()
        time.sleep(4)
        print("  restarting the cluster")
        subprocess.run(shlex.split(args.restart), check=True, stdout=subprocess.DEVNULL)
        time.sleep(5)
        terminate_backends()
        time.sleep(6)
        stop.set()
        for thread in threads:
            thread.join()
        print(f"  answers: {dict(sorted(answers.items()))}; {len(acknowledged)} batches acknowledged")
        failures += problems[:20]

        # What is stored, read straight from the database.
        rows = sql("SELECT region_code, count(*), count(DISTINCT value_text), min(value_text) FROM observations "
                   "WHERE region_code LIKE 'F%' GROUP BY region_code")
        stored = {}
        for line in rows.splitlines():
            region, count, distinct, value = line.split("|")
            k = int(region[1:])
            stored[k] = int(count)
            if int(count) != BATCH or int(distinct) != 1 or value != value_of(k):
                failures.append(f"batch {k} is half-written or not its own: {line}")
        lost = sorted(acknowledged - set(stored))
        if lost:
            failures.append(f"{len(lost)} acknowledged batches lost, e.g. {lost[:5]}")
        print(f"  stored {len(stored)} batches, {len(lost)} acknowledged lost")

        # Connections whose server end was closed must have been closed here too.
        time.sleep(3)
        waiting = close_wait(ports, pg_port)
        if waiting:
            failures.append(f"{len(waiting)} sockets in CLOSE-WAIT towards PostgreSQL: {waiting[:3]}")
    finally:
        for server, port in zip(servers, ports):
            if server.poll() is not None:
                continue
            server.send_signal(signal.SIGTERM)
            started = time.monotonic()
            try:
                server.wait(timeout=STOP_BOUND)
                print(f"  instance on port {port} stopped {time.monotonic() - started:.1f} s after SIGTERM")
            except subprocess.TimeoutExpired:
                failures.append(f"the instance on port {port} did not stop within {STOP_BOUND} s of SIGTERM")
                server.kill()
                server.wait()
    if failures:
        print("PostgreSQL faults: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        for n, output in enumerate(outputs):
            print(f"instance {n} said (last lines):\n  " + "\n  ".join(output[-15:]), file=sys.stderr)
        sys.exit(1)
    print("PostgreSQL faults: passed")


if __name__ == "__main__":
    main()
