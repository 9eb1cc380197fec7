#!/usr/bin/env python3
"""Local receivers for the delivery tests (Tests/PlanDeliveryTests): a real SMTP server (aiosmtpd) and an
HTTP receiver for group-bot webhooks. Each writes what it receives into --out, one file per message, prints
"READY <port>" once it listens, and stops when its standard input closes.

  receivers.py smtp --out DIR [--starttls | --smtps]
      Mails go to DIR/NNNN.eml, preceded by X-Envelope-From, X-Envelope-To and X-TLS lines. A recipient whose
      address starts with "refuse" gets 550, with "busy" 451 (to test final and temporary failures).
      --starttls offers STARTTLS, --smtps speaks TLS from the start, both with a self-signed certificate for
      127.0.0.1 written to DIR/cert.pem (made with openssl). --delay S waits S seconds before accepting a mail.
  receivers.py webhook --out DIR [--status N] [--errcode N]
      Each POST body goes to DIR/NNNN.json; the reply is HTTP N (default 200) with {"errcode": N, "errmsg": "ok"}.
"""
import argparse
import asyncio
import http.server
import os
import socket
import ssl
import subprocess
import sys
import threading


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def certificate(out):
    cert, key = os.path.join(out, "cert.pem"), os.path.join(out, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def smtp(args):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    class Handler:
        count = 0

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("refuse"):
                return "550 5.1.1 no such user"
            if address.startswith("busy"):
                return "451 4.3.0 try again later"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            # A slow server: the sender is still waiting for this reply when a test kills it.
            await asyncio.sleep(args.delay)
            Handler.count += 1
            # session.ssl is set by STARTTLS; a connection in TLS from the start shows on the transport.
            tls = session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
            head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\nX-TLS: %s\r\n" % (
                envelope.mail_from, ",".join(envelope.rcpt_tos), tls)
            with open(os.path.join(args.out, "%04d.eml" % Handler.count), "wb") as f:
                f.write(head.encode() + envelope.original_content)
            return "250 OK"

    port = free_port()
    context = certificate(args.out) if args.starttls or args.smtps else None
    if args.smtps:
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, ssl_context=context)
    else:
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context)
    controller.start()
    print("READY %d" % port, flush=True)
    sys.stdin.read()
    controller.stop()


def webhook(args):
    class Receiver(http.server.BaseHTTPRequestHandler):
        count = 0
        lock = threading.Lock()

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with Receiver.lock:
                Receiver.count += 1
                with open(os.path.join(args.out, "%04d.json" % Receiver.count), "wb") as f:
                    f.write(body)
            reply = ('{"errcode": %d, "errmsg": "ok"}' % args.errcode).encode()
            self.send_response(args.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY %d" % server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="kind", required=True)
    s = sub.add_parser("smtp")
    s.add_argument("--out", required=True)
    s.add_argument("--starttls", action="store_true")
    s.add_argument("--smtps", action="store_true")
    s.add_argument("--delay", type=float, default=0, help="seconds before accepting each mail")
    w = sub.add_parser("webhook")
    w.add_argument("--out", required=True)
    w.add_argument("--status", type=int, default=200)
    w.add_argument("--errcode", type=int, default=0)
    args = parser.parse_args()
    smtp(args) if args.kind == "smtp" else webhook(args)


if __name__ == "__main__":
    main()
