#!/usr/bin/env python3
"""The real-browser test: headless Chromium (Debian's chromium + chromium-driver, driven by Selenium) against
`hcm serve --demo` on loopback.

A reporter signs in, enters a value and submits it; the reviewer signs in and approves it; the indicator page
then shows the approved value; an administrator uploads a plan document (.docx) and gets its draft to review. Screenshots of the reporter's form, the dashboard and the indicator page (and
the other main pages) go to the artifacts folder. The run fails on any HTTP status >= 400 the browser
received, on any browser console error, and on any page of the app served without its Content-Security-Policy
or breaking it (the annual report, the one page with an inline style, allowed by its hash, included).

    python3 Tests/Browser/browser_test.py --hcm .build/debug/hcm --artifacts .ci/artifacts
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(hcm, database, port):
    """Starts `hcm serve --demo` and returns the process and the demo users' passwords it prints once."""
    server = subprocess.Popen(
        [hcm, "serve", "--demo", "--db", database, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    passwords = {}
    deadline = time.time() + 120
    for line in server.stdout:
        print("  hcm:", line.rstrip())
        match = re.match(r"\s+(\w+)（\w+）：(\S+)", line)
        if match:
            passwords[match.group(1)] = match.group(2)
        if "正在 http" in line or time.time() > deadline:
            break
    if server.poll() is not None:
        raise SystemExit(f"hcm serve exited with status {server.returncode}")
    # The line comes just before the server binds: wait until it accepts connections.
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, passwords
        except OSError:
            time.sleep(0.2)
    raise SystemExit("hcm serve did not start listening")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--lang=zh-CN", "--no-first-run"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


class Run:
    def __init__(self, driver, base, artifacts):
        self.driver = driver
        self.base = base
        self.artifacts = artifacts
        self.failures = []
        self.pages_checked = 0
        self.wait = WebDriverWait(driver, 20)

    def annual_report(self, token, plan, year):
        """Shows the annual report as HTML, the page that carries an inline style (allowed by its hash): it is
        an API download, so the browser sends the token in a header for this one navigation."""
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Bearer {token}"}})
        try:
            self.open(f"/api/v1/plans/{plan}/report?year={year}&format=html")
        finally:
            self.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})

    def open(self, path):
        self.driver.get(self.base + path)
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        self.check_logs(path)

    def check_logs(self, where):
        """Every HTTP error the browser received, every page of the app served without its
        Content-Security-Policy, every console error and every CSP violation so far, as failures."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.responseReceived":
                response = message["params"]["response"]
                # A page that names no icon (the annual report, a file people also keep) makes the browser
                # guess /favicon.ico: not the app's error.
                if response["status"] >= 400 and not response["url"].endswith("/favicon.ico"):
                    self.failures.append(f"{where}: HTTP {response['status']} for {response['url']}")
                headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
                if response["url"].startswith(self.base) and response.get("mimeType") == "text/html":
                    self.pages_checked += 1
                    if "default-src 'none'" not in headers.get("content-security-policy", ""):
                        self.failures.append(f"{where}: no Content-Security-Policy on {response['url']}")
        for entry in self.driver.get_log("browser"):
            if "/favicon.ico" in entry["message"] and "Content Security Policy" not in entry["message"]:
                continue
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]:
                self.failures.append(f"{where}: console error: {entry['message']}")

    def screenshot(self, name):
        # The whole page, not just the window: make the window as tall as the document (within reason).
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, max(900, min(height, 8000)))
        path = os.path.join(self.artifacts, name)
        self.driver.save_screenshot(path)
        self.driver.set_window_size(1280, 900)
        print(f"  screenshot {path}")

    def sign_in(self, username, password):
        self.open("/login")
        self.driver.find_element(By.ID, "username").send_keys(username)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
        self.wait.until(lambda d: "/login" not in d.current_url)
        self.check_logs(f"sign in {username}")

    def sign_out(self):
        self.driver.find_element(By.CSS_SELECTOR, "form.signout button[type=submit]").click()
        self.wait.until(lambda d: "/login" in d.current_url)
        self.check_logs("sign out")

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hcm", required=True, help="the hcm executable")
    parser.add_argument("--artifacts", required=True, help="where screenshots go")
    parser.add_argument("--seed", default="Tests/PlanImportTests/Fixtures/docx/000_43dbf30d6d3ada74.docx",
                        help="the plan document the administrator uploads")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="hcm-browser-") as directory:
        port = free_port()
        server, passwords = start_server(args.hcm, os.path.join(directory, "demo.sqlite"), port)
        driver = None
        try:
            driver = browser()
            run = Run(driver, f"http://127.0.0.1:{port}", args.artifacts)

            print("reporter: enter a value and submit it")
            run.sign_in("weijian", passwords["weijian"])
            run.expect(driver.current_url.endswith("/report"), f"a reporter starts at the form, not {driver.current_url}")
            run.screenshot("reporter-form.png")
            field = next(f for f in driver.find_elements(By.CSS_SELECTOR, "input[id^=value_]") if not f.get_attribute("value"))
            indicator = field.get_attribute("id").removeprefix("value_")
            field.send_keys("81.6")
            driver.find_element(By.NAME, f"evidence_{indicator}").send_keys("2020年统计年鉴 <b>第3页</b>")
            driver.find_element(By.CSS_SELECTOR, "button[name=action][value=submit]").click()
            run.wait.until(EC.url_contains("saved=submit"))
            run.check_logs("submit")
            run.expect("已提交" in driver.page_source, "the form says the values were submitted")
            run.sign_out()

            print("reviewer: approve it")
            run.sign_in("office", passwords["office"])
            run.open("/review")
            run.screenshot("review-queue.png")
            item = driver.find_element(
                By.XPATH, f"//form[contains(@class,'inline')][input[@name='items' and starts-with(@value, '{indicator}:330302:2020:')]]")
            item.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
            run.wait.until(EC.url_contains("done=1"))
            run.check_logs("approve")

            print("the approved value on the indicator page and the dashboard")
            run.open(f"/indicators/{indicator}?region=330302")
            run.expect("2020 年实际：81.6" in driver.page_source, "the chart shows the approved 2020 value")
            run.expect("&lt;b&gt;第3页&lt;/b&gt;" in driver.page_source, "typed markup is shown as text")
            run.screenshot("indicator.png")
            run.open("/")
            run.screenshot("dashboard.png")
            for path, name in [("/plans/1", "plan.png"), ("/regions", "regions.png"), ("/revisions", "revisions.png"),
                               ("/public/plans/1", "public-plan.png")]:
                run.open(path)
                run.screenshot(name)
            run.open("/")
            run.sign_out()
            run.sign_in("admin", passwords["admin"])

            print("the annual report under the Content-Security-Policy")
            login = urllib.request.Request(f"{run.base}/api/v1/auth/login", method="POST",
                                           data=json.dumps({"username": "admin", "password": passwords["admin"]}).encode(),
                                           headers={"content-type": "application/json"})
            with urllib.request.urlopen(login, timeout=30) as response:
                token = json.loads(response.read())["token"]
            run.annual_report(token, 1, 2020)
            run.expect("<style>" in driver.page_source and "<svg" in driver.page_source,
                       "the annual report shows with its own styles and chart")
            run.screenshot("annual-report.png")
            run.open("/import")
            run.screenshot("import.png")

            print("administrator: upload a plan document and review the draft")
            driver.find_element(By.ID, "document").send_keys(os.path.abspath(args.seed))
            driver.find_element(By.CSS_SELECTOR, "form[action='/import'] button[type=submit]").click()
            run.wait.until(lambda d: re.search(r"/import/\d+$", d.current_url))
            run.check_logs("upload")
            run.expect("141 项指标" in driver.page_source, "the draft shows the seed's 141 indicators")
            run.screenshot("import-review.png")
        finally:
            if driver:
                driver.quit()
            server.terminate()
            server.wait(timeout=30)

    run.expect(run.pages_checked >= 10, f"only {run.pages_checked} pages were checked for their Content-Security-Policy")
    if run.failures:
        print("browser test FAILED:")
        for failure in run.failures:
            print("  " + failure)
        sys.exit(1)
    print(f"browser test passed; screenshots in {args.artifacts}")


if __name__ == "__main__":
    main()
