#!/usr/bin/env python3
"""Shared helper of the reliability tests: a throwaway hub data folder and a `careplan serve` process.

As a library (crash_test.py):
    setup = HubSetup.create(data_dir)          # admin init, two linked offices, a user and a token each
    server = HubServer(data_dir); server.start(); ...; server.kill(); server.stop()

As a command (contract_test.sh):
    hubsetup.py setup --data DIR [--requests-per-minute N]   prints shell assignments (SENDER_TOKEN=…, …)
    hubsetup.py free-port                                     prints a free loopback port
    hubsetup.py wait-health --port P [--timeout S] [--pid PID]

The binary is $CAREPLAN (default .build/debug/careplan in the package). Only 127.0.0.1 is ever used.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

PACKAGE_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOST = "127.0.0.1"

# The offices the samples use (Samples/: UPPLAN_202506_1310100012_43_1310100021_11_…): a 居宅介護支援 office sending
# 第6・7表 to a 訪問介護 provider.
SENDER_OFFICE = "1310100012_43"
RECIPIENT_OFFICE = "1310100021_11"


def careplan_binary() -> str:
    path = os.environ.get("CAREPLAN") or os.path.join(PACKAGE_ROOT, ".build", "debug", "careplan")
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise SystemExit(
            f"hubsetup: careplan binary not found at {path} "
            f"(build it with `cd {PACKAGE_ROOT} && swift build --product careplan`, or set CAREPLAN)"
        )
    return path


def run_cli(args: list[str], *, stdin: str | None = None, timeout: float = 120) -> str:
    """Runs `careplan ARGS…`; returns stdout, raises with stderr on a non-zero exit."""
    completed = subprocess.run(
        [careplan_binary(), *args], input=stdin, capture_output=True, text=True, timeout=timeout
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"careplan {' '.join(args)} exited {completed.returncode}:\n{completed.stdout}{completed.stderr}"
        )
    return completed.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class HubSetup:
    data: str
    sender_office: str
    recipient_office: str
    sender_login: str
    recipient_login: str
    password: str
    sender_token: str
    recipient_token: str

    @classmethod
    def create(cls, data: str, *, requests_per_minute: int | None = None) -> "HubSetup":
        run_cli(["admin", "init", "--data", data])
        if requests_per_minute is not None:
            set_limit(data, "requestsPerMinute", requests_per_minute)
        run_cli(["admin", "create-office", "--data", data, "--office", SENDER_OFFICE, "--name", "ちよだ居宅介護支援センター"])
        run_cli(["admin", "create-office", "--data", data, "--office", RECIPIENT_OFFICE, "--name", "神田ヘルパーステーション"])
        # 連携先: the hub delivers units only between linked partners.
        run_cli(["admin", "link-partners", "--data", data, "--office", SENDER_OFFICE, "--partner", RECIPIENT_OFFICE])
        password = "reliability-test-password-0123"
        tokens = {}
        for login, office in (("sender", SENDER_OFFICE), ("recipient", RECIPIENT_OFFICE)):
            run_cli(
                ["admin", "create-user", "--data", data, "--office", office, "--login", login, "--role", "admin", "--password-stdin"],
                stdin=password + "\n",
            )
            out = run_cli(["admin", "create-token", "--data", data, "--login", login, "--scopes", "send,receive"])
            token = out.strip().splitlines()[-1].strip()
            if not token or " " in token:
                raise RuntimeError(f"unexpected create-token output: {out!r}")
            tokens[login] = token
        return cls(data, SENDER_OFFICE, RECIPIENT_OFFICE, "sender", "recipient", password, tokens["sender"], tokens["recipient"])


def set_limit(data: str, key: str, value: int) -> None:
    """Sets `limits.KEY` in DATA/hub.json (keeps the file's 0600 mode)."""
    path = os.path.join(data, "hub.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    config.setdefault("limits", {})[key] = value
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
    os.replace(tmp, path)


def wait_health(port: int, *, timeout: float = 30, process: subprocess.Popen | None = None, pid: int | None = None) -> None:
    """Polls GET /health until 200; fails early when the server process died."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"careplan serve exited with status {process.returncode} before /health answered")
        if pid is not None:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                raise RuntimeError(f"careplan serve (pid {pid}) exited before /health answered")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return
                last = f"status {response.status}"
        except (urllib.error.URLError, OSError) as error:
            last = str(error)
        time.sleep(0.05)
    raise RuntimeError(f"/health on port {port} did not answer 200 within {timeout:.0f} s ({last})")


class HubServer:
    """One `careplan serve` process on a loopback port; always reaped."""

    def __init__(self, data: str, *, port: int | None = None, log_path: str | None = None):
        self.data = data
        self.port = port or free_port()
        self.log_path = log_path or os.path.join(data, "serve.log")
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, *, timeout: float = 30) -> None:
        assert self.process is None or self.process.poll() is not None, "server already running"
        log = open(self.log_path, "ab")
        try:
            self.process = subprocess.Popen(
                [careplan_binary(), "serve", "--data", self.data, "--host", HOST, "--port", str(self.port), "--log-level", "warning"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )
        finally:
            log.close()
        wait_health(self.port, timeout=timeout, process=self.process)

    def kill(self) -> None:
        """SIGKILL: the crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=30)

    def stop(self, *, timeout: float = 20) -> int | None:
        """SIGTERM, then SIGKILL after `timeout`; returns the exit status."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        return self.process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_setup = sub.add_parser("setup", help="admin init + offices + users + tokens; prints shell assignments")
    p_setup.add_argument("--data", required=True)
    p_setup.add_argument("--requests-per-minute", type=int)
    sub.add_parser("free-port")
    p_wait = sub.add_parser("wait-health")
    p_wait.add_argument("--port", type=int, required=True)
    p_wait.add_argument("--timeout", type=float, default=30)
    p_wait.add_argument("--pid", type=int)
    args = parser.parse_args()

    if args.command == "setup":
        s = HubSetup.create(args.data, requests_per_minute=args.requests_per_minute)
        for name, value in (
            ("SENDER_OFFICE", s.sender_office), ("RECIPIENT_OFFICE", s.recipient_office),
            ("SENDER_LOGIN", s.sender_login), ("RECIPIENT_LOGIN", s.recipient_login),
            ("PASSWORD", s.password), ("SENDER_TOKEN", s.sender_token), ("RECIPIENT_TOKEN", s.recipient_token),
        ):
            print(f"{name}={shlex.quote(value)}")
    elif args.command == "free-port":
        print(free_port())
    elif args.command == "wait-health":
        try:
            wait_health(args.port, timeout=args.timeout, pid=args.pid)
        except RuntimeError as error:
            print(f"hubsetup: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
