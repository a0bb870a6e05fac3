#!/usr/bin/env python3
"""Crash-consistency test of a real `careplan serve` process.

Each round starts the hub on a throwaway data folder, runs concurrent uploaders (distinct send units) and downloaders
(inbox, download, import report) for a random 0.5–3 s, SIGKILLs the hub while requests are in flight, restarts it on the same
data folder and checks that everything the hub vouched for survived:

* every unit with an acceptance receipt is there (GET /api/v1/units/{id} as the sender) with exactly the receipt's
  files, and every file downloads byte-identical (SHA-256 of what was sent = receipt = download);
* no unit in the recipient's inbox is partial or unknown: its files are exactly those of the unit that was sent, and
  its stored acceptance receipt states them; units whose upload was cut by the crash are either complete or absent,
  and resending them gives 201 (absent) or 200 with the original receipt (complete);
* every import receipt (取込済) refers to a unit that is 取込済 (imported) after the restart, and the hub stores
  the receipt it handed out; a unit whose file the recipient downloaded is 受信済 or later;
* every receipt verifies with the hub's public key (Ed25519; needs the `cryptography` package, else skipped).

At the end the hub is stopped with SIGTERM and `careplan audit verify --data DIR` must exit 0.

    python3 Scripts/reliability/crash_test.py                       # 5 rounds, 8 workers (about a minute)
    python3 Scripts/reliability/crash_test.py --rounds 50 --seconds 1-6 --workers 16   # long form

Binary: $CAREPLAN (default .build/debug/careplan). Only 127.0.0.1 is used; every request has a timeout and the hub is
always killed on exit. Exit status 1 on any violation.
"""

from __future__ import annotations

import argparse
import atexit
import base64
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hubsetup  # noqa: E402

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    HAVE_CRYPTO = True
except ImportError:  # pragma: no cover
    HAVE_CRYPTO = False

REQUEST_TIMEOUT = 10.0
TIMESTAMP_IN_NAME = re.compile(r"_(\d{14})(\.CSV|_\d{4}\.jpg)$", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------------------------
# HTTP


class Api:
    """A keep-alive HTTP/1.1 connection to the hub with one bearer token; every request is bounded by a timeout."""

    def __init__(self, port: int, token: str, timeout: float = REQUEST_TIMEOUT):
        self.port, self.token, self.timeout = port, token, timeout
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """Returns (status, headers, body); raises OSError/HTTPException when the connection fails."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection(hubsetup.HOST, self.port, timeout=self.timeout)
        all_headers = {"Authorization": f"Bearer {self.token}", "Accept": "*/*"}
        all_headers.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        result_headers = {k.lower(): v for k, v in response.getheaders()}
        if response.will_close:
            self.close()
        return response.status, result_headers, data

    def request_retrying(self, method: str, path: str, body=None, headers=None, attempts: int = 3):
        """For the checks after a restart: a stale keep-alive connection or a 429 is retried."""
        for attempt in range(attempts):
            try:
                status, hdrs, data = self.request(method, path, body, headers)
            except (OSError, http.client.HTTPException):
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2)
                continue
            if status == 429 and attempt < attempts - 1:
                time.sleep(min(2.0, float(hdrs.get("retry-after", "1") or 1)))
                continue
            return status, hdrs, data
        raise AssertionError("unreachable")


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "careplan-crash-" + uuid.uuid4().hex
    chunks = []
    for name, data in files:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        chunks.append(data)
        chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------------------------------
# Test state


@dataclass
class SentUnit:
    """A pre-generated send unit: the bytes of each file, addressed by the unit's unique ファイル連番."""

    key: str  # ファイル連番 (unique per unit in this test)
    files: list[tuple[str, bytes]]
    digests: dict[str, tuple[str, int]] = field(default_factory=dict)  # name -> (sha256, size)

    def __post_init__(self):
        self.digests = {name: (sha256(data), len(data)) for name, data in self.files}


@dataclass
class Acceptance:
    unit: SentUnit
    unit_id: str
    receipt: dict
    payload: dict
    status: int
    round: int
    checked_bytes: bool = False


@dataclass
class Ack:
    unit_id: str
    receipt: dict
    payload: dict
    round: int


class State:
    def __init__(self, units: list[SentUnit]):
        self.lock = threading.Lock()
        self.by_key = {u.key: u for u in units}
        self.fresh = list(reversed(units))  # pop() from the end = in order
        self.uncertain: list[SentUnit] = []  # sent, no answer (cut by the crash): resent in the next round
        self.refused: list[SentUnit] = []  # answered 429 (nothing stored): sent again
        self.acceptances: dict[str, Acceptance] = {}  # key -> acceptance
        self.acks: dict[str, Ack] = {}  # unit id -> first ack receipt
        self.ack_receipts_received = 0
        self.recipient_downloaded: set[str] = set()  # unit ids whose files the recipient downloaded completely (200)
        self.violations: list[str] = []
        self.notes: list[str] = []
        self.stats = dict(
            upload_attempts=0, uploads_201=0, uploads_200=0, uploads_cut=0, uploads_429=0, resends_after_crash=0,
            resend_committed=0, resend_new=0, identical_resends=0, inbox_pages=0, downloads=0, acks=0, requests_cut=0,
            units_checked=0, files_compared=0, acks_checked=0, orphans=0, receipts_verified=0,
        )

    def violation(self, message: str) -> None:
        with self.lock:
            if message not in self.violations:
                self.violations.append(message)

    def bump(self, key: str, n: int = 1) -> None:
        with self.lock:
            self.stats[key] += n

    def next_unit(self) -> tuple[SentUnit | None, bool]:
        """(unit, is_resend_of_cut_upload)."""
        with self.lock:
            if self.uncertain:
                return self.uncertain.pop(0), True
            if self.refused:
                return self.refused.pop(0), False
            if self.fresh:
                return self.fresh.pop(), False
            return None, False


# ---------------------------------------------------------------------------------------------------------------------
# Receipts


class ReceiptChecker:
    def __init__(self, state: State):
        self.state = state
        self.public_key_b64: str | None = None
        self.key = None

    def set_public_key(self, b64: str) -> None:
        if self.public_key_b64 is not None and b64 != self.public_key_b64:
            self.state.violation(f"the hub's public key changed across a restart: {self.public_key_b64} -> {b64}")
        self.public_key_b64 = b64
        if HAVE_CRYPTO:
            self.key = Ed25519PublicKey.from_public_bytes(base64.b64decode(b64))

    @staticmethod
    def decode(receipt: dict) -> dict:
        return json.loads(base64.b64decode(receipt["payload"]))

    def verify(self, receipt: dict, what: str) -> None:
        if receipt.get("publicKey") != self.public_key_b64:
            self.state.violation(f"{what}: receipt publicKey {receipt.get('publicKey')} is not the hub's {self.public_key_b64}")
            return
        if self.key is None:
            return
        try:
            self.key.verify(base64.b64decode(receipt["signature"]), base64.b64decode(receipt["payload"]))
            self.state.bump("receipts_verified")
        except (InvalidSignature, ValueError) as error:
            self.state.violation(f"{what}: receipt signature does not verify ({error!r})")


def receipt_files(payload: dict) -> dict[str, tuple[str, int]]:
    return {f["name"]: (f["sha256"], f["size"]) for f in payload.get("files", [])}


def unit_files(unit: dict) -> dict[str, tuple[str, int]]:
    return {f["name"]: (f["sha256"], f["size"]) for f in unit.get("files", [])}


# ---------------------------------------------------------------------------------------------------------------------
# Workers


def uploader(port: int, token: str, state: State, stop: threading.Event, rnd: random.Random, round_no: int) -> None:
    api = Api(port, token)
    try:
        while not stop.is_set():
            resend_identical = None
            with state.lock:
                if state.acceptances and rnd.random() < 0.05:
                    resend_identical = rnd.choice(list(state.acceptances.values()))
            if resend_identical is not None:
                unit, cut_before = resend_identical.unit, False
            else:
                unit, cut_before = state.next_unit()
                if unit is None:
                    state.notes.append("the pre-generated units ran out; raise --units")
                    return
            body, content_type = multipart(unit.files)
            state.bump("upload_attempts")
            try:
                status, hdrs, data = api.request("POST", "/api/v1/units", body, {"Content-Type": content_type})
            except (OSError, http.client.HTTPException):
                state.bump("uploads_cut")
                if resend_identical is None:
                    with state.lock:
                        state.uncertain.append(unit)
                if stop.is_set():
                    return
                time.sleep(0.05)
                continue
            if status == 429:
                state.bump("uploads_429")
                if resend_identical is None:
                    with state.lock:
                        (state.uncertain if cut_before else state.refused).insert(0, unit)
                time.sleep(min(1.0, float(hdrs.get("retry-after", "0.5") or 0.5)))
                continue
            if status not in (200, 201):
                state.violation(f"POST /api/v1/units ({unit.key}) answered {status}: {data[:400]!r}")
                continue
            try:
                result = json.loads(data)
                receipt = result["receipt"]
                payload = ReceiptChecker.decode(receipt)
                unit_id = result["unit"]["id"]
            except (ValueError, KeyError, TypeError) as error:
                state.violation(f"POST /api/v1/units ({unit.key}) {status}: unreadable body ({error!r}): {data[:300]!r}")
                continue
            if payload.get("unitID") != unit_id:
                state.violation(f"upload {unit.key}: receipt unitID {payload.get('unitID')} != unit id {unit_id}")
            with state.lock:
                previous = state.acceptances.get(unit.key)
                if resend_identical is not None:
                    state.stats["identical_resends"] += 1
                    if status != 200:
                        state.violations.append(f"identical resend of {unit.key} (unit {previous.unit_id}) answered {status}, not 200")
                    elif unit_id != previous.unit_id or payload != previous.payload:
                        state.violations.append(f"identical resend of {unit.key} returned unit {unit_id}, not the original {previous.unit_id} / another receipt")
                    continue
                if previous is not None:
                    state.violations.append(f"unit {unit.key} accepted twice")
                    continue
                state.stats["uploads_201" if status == 201 else "uploads_200"] += 1
                if cut_before:
                    state.stats["resends_after_crash"] += 1
                    state.stats["resend_committed" if status == 200 else "resend_new"] += 1
                elif status == 200:
                    state.violations.append(f"first upload of {unit.key} answered 200 (already stored?)")
                state.acceptances[unit.key] = Acceptance(unit, unit_id, receipt, payload, status, round_no)
    finally:
        api.close()


def downloader(port: int, token: str, state: State, stop: threading.Event, rnd: random.Random, round_no: int) -> None:
    api = Api(port, token)
    try:
        while not stop.is_set():
            try:
                status, _, data = api.request("GET", "/api/v1/inbox?limit=10&state=accepted,downloaded")
                state.bump("inbox_pages")
                if status == 429:
                    time.sleep(0.5)
                    continue
                if status != 200:
                    state.violation(f"GET /api/v1/inbox answered {status}: {data[:300]!r}")
                    time.sleep(0.1)
                    continue
                units = json.loads(data).get("units", [])
                if not units:
                    time.sleep(0.05)
                    continue
                unit = rnd.choice(units)
                sent = state.by_key.get(unit.get("timestamp"))
                if sent is None:
                    state.violation(f"inbox lists unit {unit.get('id')} with unknown ファイル連番 {unit.get('timestamp')}")
                    continue
                if unit_files(unit) != sent.digests:
                    state.violation(f"inbox lists unit {unit['id']} ({sent.key}) with files {sorted(unit_files(unit))} "
                                    f"but {sorted(sent.digests)} were sent (partial or altered unit)")
                complete = True
                for f in unit.get("files", []):
                    status, hdrs, body = api.request("GET", f"/api/v1/units/{unit['id']}/files/{f['name']}")
                    if status == 429:
                        complete = False
                        break
                    if status != 200:
                        state.violation(f"GET /api/v1/units/{unit['id']}/files/{f['name']} (recipient) answered {status}: {body[:200]!r}")
                        complete = False
                        break
                    state.bump("downloads")
                    digest = sha256(body)
                    expected = sent.digests.get(f["name"], ("?", 0))[0]
                    if digest != expected or hdrs.get("x-content-sha256") != expected:
                        state.violation(f"download {unit['id']}/{f['name']}: sha256 {digest} (header {hdrs.get('x-content-sha256')}) != sent {expected}")
                if not complete:
                    continue
                with state.lock:
                    state.recipient_downloaded.add(unit["id"])
                if rnd.random() < 0.8:
                    # The import report (取込済): the hub's acknowledgement since issue 11.
                    status, _, body = api.request(
                        "POST", f"/api/v1/units/{unit['id']}/import", b'{"outcome":"imported","problems":[]}', {"Content-Type": "application/json"})
                    if status == 429:
                        continue
                    if status != 200:
                        state.violation(f"POST /api/v1/units/{unit['id']}/import answered {status}: {body[:300]!r}")
                        continue
                    receipt = json.loads(body)
                    payload = ReceiptChecker.decode(receipt)
                    with state.lock:
                        state.stats["acks"] += 1
                        state.ack_receipts_received += 1
                        first = state.acks.get(unit["id"])
                        if first is None:
                            state.acks[unit["id"]] = Ack(unit["id"], receipt, payload, round_no)
                        elif first.payload != payload:
                            state.violations.append(f"two acks of unit {unit['id']} returned different receipts: {first.payload} vs {payload}")
            except (OSError, http.client.HTTPException):
                state.bump("requests_cut")
                if stop.is_set():
                    return
                time.sleep(0.05)
            except (ValueError, KeyError, TypeError) as error:
                state.violation(f"downloader: unreadable answer ({error!r})")
    finally:
        api.close()


# ---------------------------------------------------------------------------------------------------------------------
# Checks after a restart


class Checker:
    def __init__(self, port: int, setup: hubsetup.HubSetup, state: State, receipts: ReceiptChecker, rnd: random.Random,
                 recheck_sample: int, full_recheck: bool):
        self.port, self.setup, self.state, self.receipts, self.rnd = port, setup, state, receipts, rnd
        self.recheck_sample, self.full_recheck = recheck_sample, full_recheck
        self.local = threading.local()

    def api(self, who: str) -> Api:
        key = f"api_{who}"
        api = getattr(self.local, key, None)
        if api is None:
            api = Api(self.port, self.setup.sender_token if who == "sender" else self.setup.recipient_token)
            setattr(self.local, key, api)
        return api

    def get_json(self, who: str, path: str):
        status, _, data = self.api(who).request_retrying("GET", path)
        if status != 200:
            return status, data
        return status, json.loads(data)

    def run(self, final: bool) -> None:
        state = self.state
        status, pk = self.get_json("sender", "/api/v1/public-key")
        if status != 200:
            state.violation(f"GET /api/v1/public-key answered {status}")
            return
        self.receipts.set_public_key(pk["publicKey"])

        # The recipient's whole inbox (every state).
        inbox: dict[str, dict] = {}
        cursor = None
        while True:
            path = "/api/v1/inbox?limit=500" + (f"&cursor={cursor}" if cursor else "")
            status, page = self.get_json("recipient", path)
            if status != 200:
                state.violation(f"GET {path} (recipient) after restart answered {status}: {page[:300]!r}")
                return
            for unit in page["units"]:
                if unit["id"] in inbox:
                    state.violation(f"inbox lists unit {unit['id']} twice")
                inbox[unit["id"]] = unit
            cursor = page.get("nextCursor")
            if not cursor:
                break

        with state.lock:
            acceptances = list(state.acceptances.values())
            acks = list(state.acks.values())
            downloaded = set(state.recipient_downloaded)
        accepted_ids = {a.unit_id: a for a in acceptances}

        # No unknown, duplicate or partial unit in the inbox.
        seen_keys: dict[str, str] = {}
        orphans = []
        for unit in inbox.values():
            key = unit.get("timestamp")
            sent = state.by_key.get(key)
            if sent is None:
                state.violation(f"after restart the inbox has unit {unit['id']} with unknown ファイル連番 {key}")
                continue
            if key in seen_keys:
                state.violation(f"after restart the inbox has two units for ファイル連番 {key}: {seen_keys[key]} and {unit['id']}")
            seen_keys[key] = unit["id"]
            if unit_files(unit) != sent.digests:
                state.violation(f"after restart inbox unit {unit['id']} ({key}) is partial or altered: files {unit_files(unit)} "
                                f"but sent {sent.digests}")
            if unit.get("sender") != self.setup.sender_office or unit.get("recipient") != self.setup.recipient_office:
                state.violation(f"inbox unit {unit['id']}: sender/recipient {unit.get('sender')}/{unit.get('recipient')}")
            if unit["id"] not in accepted_ids:
                acc = state.acceptances.get(key)
                if acc is not None:
                    state.violation(f"inbox unit {unit['id']} ({key}) is not the unit {acc.unit_id} of its receipt")
                else:
                    orphans.append(unit)
        for acc in acceptances:
            if acc.unit_id not in inbox:
                state.violation(f"unit {acc.unit_id} ({acc.unit.key}) has a receipt (HTTP {acc.status}, round {acc.round}) "
                                f"but is missing from the recipient's inbox after the restart")

        # Units with a receipt: present for the sender with exactly the receipt's files; bytes identical.
        todo = []
        for acc in acceptances:
            full = final or self.full_recheck or not acc.checked_bytes
            todo.append((acc, full))
        recheck = [i for i, (acc, full) in enumerate(todo) if not full]
        for i in self.rnd.sample(recheck, min(self.recheck_sample, len(recheck))):
            todo[i] = (todo[i][0], True)

        ack_by_id = {a.unit_id: a for a in acks}
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda item: self.check_acceptance(item[0], item[1], inbox, ack_by_id), todo))
            list(pool.map(self.check_orphan, orphans))
        with state.lock:
            state.stats["orphans"] = max(state.stats["orphans"], len(orphans))

        # Acks: acknowledged after restart (the receipts themselves are compared in check_acceptance).
        for ack in acks:
            unit = inbox.get(ack.unit_id)
            state.bump("acks_checked")
            if unit is None:
                state.violation(f"ack receipt (round {ack.round}) refers to unit {ack.unit_id}, which is not in the inbox after restart")
            elif unit.get("state") != "imported" or not unit.get("importReportedAt"):
                state.violation(f"unit {ack.unit_id} has an import receipt (round {ack.round}) but is {unit.get('state')} "
                                f"(importReportedAt {unit.get('importReportedAt')}) after restart")
            if ack.payload.get("event") != "imported" or ack.payload.get("unitID") != ack.unit_id:
                state.violation(f"ack receipt for {ack.unit_id} states {ack.payload}")
        for unit_id in downloaded:
            unit = inbox.get(unit_id)
            if unit is not None and unit.get("state") not in ("downloaded", "imported"):
                state.violation(f"the recipient downloaded every file of unit {unit_id} but after restart it is {unit.get('state')} (not 受信済)")

    def check_acceptance(self, acc: Acceptance, full: bool, inbox: dict, ack_by_id: dict) -> None:
        state = self.state
        try:
            what = f"unit {acc.unit_id} ({acc.unit.key})"
            self.receipts.verify(acc.receipt, f"acceptance receipt of {what}")
            p = acc.payload
            if p.get("event") != "accepted" or p.get("unitID") != acc.unit_id or p.get("timestamp") != acc.unit.key \
                    or p.get("sender") != self.setup.sender_office or p.get("recipient") != self.setup.recipient_office:
                state.violation(f"acceptance receipt of {what} states {p}")
            if receipt_files(p) != acc.unit.digests:
                state.violation(f"acceptance receipt of {what} lists files {receipt_files(p)}, but {acc.unit.digests} were sent")
            status, unit = self.get_json("sender", f"/api/v1/units/{acc.unit_id}")
            state.bump("units_checked")
            if status != 200:
                state.violation(f"GET /api/v1/units/{acc.unit_id} (sender) after restart answered {status}: {unit[:200]!r} — {what} has a receipt")
                return
            if unit_files(unit) != receipt_files(p):
                state.violation(f"after restart {what} has files {unit_files(unit)}, its receipt {receipt_files(p)}")
            if not full:
                return
            # Stored receipts = what the hub handed out.
            status, stored = self.get_json("sender", f"/api/v1/units/{acc.unit_id}/receipts")
            if status != 200:
                state.violation(f"GET /api/v1/units/{acc.unit_id}/receipts answered {status}")
            else:
                events = {}
                for r in stored:
                    self.receipts.verify(r, f"stored receipt of {what}")
                    events.setdefault(ReceiptChecker.decode(r).get("event"), ReceiptChecker.decode(r))
                if events.get("accepted") != p:
                    state.violation(f"stored acceptance receipt of {what} differs from the one handed out: {events.get('accepted')} vs {p}")
                ack = ack_by_id.get(acc.unit_id)
                if ack is not None:
                    self.receipts.verify(ack.receipt, f"ack receipt of {what}")
                    if events.get("imported") != ack.payload:
                        state.violation(f"stored import receipt of {what} differs from the one handed out (round {ack.round}): "
                                        f"{events.get('imported')} vs {ack.payload}")
            for name, (digest, size) in acc.unit.digests.items():
                status, hdrs, body = self.api("sender").request_retrying("GET", f"/api/v1/units/{acc.unit_id}/files/{name}")
                state.bump("files_compared")
                if status != 200:
                    state.violation(f"GET /api/v1/units/{acc.unit_id}/files/{name} (sender) after restart answered {status}: {body[:200]!r}")
                elif sha256(body) != digest or len(body) != size:
                    state.violation(f"after restart {acc.unit_id}/{name} downloads {len(body)} bytes sha256 {sha256(body)}, sent {size} bytes {digest}")
            acc.checked_bytes = True
        except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
            state.violation(f"checking unit {acc.unit_id} after restart failed: {error!r}")

    def check_orphan(self, unit: dict) -> None:
        """A unit stored without the client seeing the receipt (the crash cut the answer): complete, receipt consistent."""
        state = self.state
        try:
            sent = state.by_key[unit["timestamp"]]
            status, stored = self.get_json("recipient", f"/api/v1/units/{unit['id']}/receipts")
            state.bump("units_checked")
            if status != 200 or not stored:
                state.violation(f"GET /api/v1/units/{unit['id']}/receipts (recipient) answered {status} {stored!r:.200}")
                return
            self.receipts.verify(stored[0], f"stored receipt of unit {unit['id']}")
            payload = ReceiptChecker.decode(stored[0])
            if payload.get("event") != "accepted" or payload.get("unitID") != unit["id"] or receipt_files(payload) != sent.digests:
                state.violation(f"stored acceptance receipt of unit {unit['id']} ({sent.key}) states {payload}")
            for name, (digest, _) in sent.digests.items():
                status, _, body = self.api("sender").request_retrying("GET", f"/api/v1/units/{unit['id']}/files/{name}")
                state.bump("files_compared")
                if status != 200 or sha256(body) != digest:
                    state.violation(f"unit {unit['id']}/{name} (no receipt seen) answered {status}, sha256 {sha256(body)} != sent {digest}")
        except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
            state.violation(f"checking unit {unit.get('id')} after restart failed: {error!r}")


# ---------------------------------------------------------------------------------------------------------------------
# Units


def generate_units(workdir: str, count: int, seeds: int, users: int, month: str) -> list[SentUnit]:
    """`careplan sample` writes templates (居宅① and 居宅② units, 1310100012_43 → 1310100021_11); each test unit is one
    template under its own ファイル連番 (the 14 digits in every file name of the unit, renamed consistently)."""
    templates: list[list[tuple[str, bytes]]] = []
    for seed in range(1, seeds + 1):
        out = os.path.join(workdir, f"samples-{seed}")
        hubsetup.run_cli(["sample", "monthly-plan", "care-plan", "--seed", str(seed), "--users", str(users), "--month", month, "--out", out])
        groups: dict[str, list[tuple[str, bytes]]] = {}
        for name in sorted(os.listdir(out)):
            m = TIMESTAMP_IN_NAME.search(name)
            if not m:
                continue
            with open(os.path.join(out, name), "rb") as f:
                groups.setdefault(m.group(1), []).append((name, f.read()))
        templates.extend(groups.values())
    if not templates:
        raise SystemExit("crash_test: careplan sample wrote no units")
    units = []
    for index in range(count):
        template = templates[index % len(templates)]
        # One day has 86,400 distinct HHMMSS; the date stays that of the template (the sample's plan dates precede it).
        day_second = index % 86400
        template_stamp = TIMESTAMP_IN_NAME.search(template[0][0]).group(1)
        stamp = template_stamp[:8] + f"{day_second // 3600:02d}{day_second // 60 % 60:02d}{day_second % 60:02d}"
        files = [(TIMESTAMP_IN_NAME.sub(lambda m: f"_{stamp}{m.group(2)}", name), data) for name, data in template]
        units.append(SentUnit(stamp, files))
    return units


# ---------------------------------------------------------------------------------------------------------------------
# Main


def parse_seconds(text: str) -> tuple[float, float]:
    parts = text.split("-")
    low, high = (float(parts[0]), float(parts[-1]))
    if not 0 < low <= high:
        raise argparse.ArgumentTypeError("--seconds takes MIN-MAX, e.g. 0.5-3")
    return low, high


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=8, help="concurrent workers, half uploaders, half downloaders")
    parser.add_argument("--seconds", type=parse_seconds, default=(0.5, 3.0), help="load before the SIGKILL, random in MIN-MAX")
    parser.add_argument("--units", type=int, default=20000, help="pre-generated distinct units (at most 86,400)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (printed; default: random)")
    parser.add_argument("--recheck-sample", type=int, default=25,
                        help="units checked byte for byte in an earlier round that are downloaded again per round")
    parser.add_argument("--full-recheck", action="store_true", help="download every unit again after every restart")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (data, serve.log)")
    args = parser.parse_args()
    if args.rounds < 1 or args.workers < 2 or not 1 <= args.units <= 86400:
        parser.error("--rounds ≥ 1, --workers ≥ 2, 1 ≤ --units ≤ 86400")

    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rnd = random.Random(seed)
    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="careplan-crash-")
    data = os.path.join(workdir, "data")
    log_path = os.path.join(workdir, "serve.log")
    server: hubsetup.HubServer | None = None

    def cleanup() -> None:
        if server is not None:
            server.kill()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    atexit.register(cleanup)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: sys.exit(130))

    print(f"crash_test: binary {hubsetup.careplan_binary()}, seed {seed}, {args.rounds} rounds, {args.workers} workers, "
          f"load {args.seconds[0]}–{args.seconds[1]} s, work folder {workdir}")
    if not HAVE_CRYPTO:
        print("crash_test: NOTE: the `cryptography` package is not importable; Ed25519 receipt signatures are NOT checked "
              "(pip install cryptography)")
    setup = hubsetup.HubSetup.create(data, requests_per_minute=1_000_000)  # the rate limit is not under test here
    units = generate_units(workdir, args.units, seeds=3, users=3, month="202506")
    state = State(units)
    receipts = ReceiptChecker(state)
    server = hubsetup.HubServer(data, log_path=log_path)
    server.start()
    print(f"crash_test: {len(units)} units ready ({len(units[0].files)}–{max(len(u.files) for u in units[:10])} files each); "
          f"hub on {server.base_url}")

    def fail_summary() -> None:
        print("\ncrash_test: FAILED —", len(state.violations), "violation(s):")
        for v in state.violations[:60]:
            print("  -", v)
        if len(state.violations) > 60:
            print(f"  … {len(state.violations) - 60} more")
        try:
            with open(log_path, "rb") as f:
                tail = f.read()[-3000:].decode(errors="replace")
            print("--- serve.log (tail) ---\n" + tail)
        except OSError:
            pass

    uploaders = max(1, args.workers // 2)
    for round_no in range(1, args.rounds + 1):
        stop = threading.Event()
        threads = []
        for i in range(args.workers):
            target = uploader if i < uploaders else downloader
            token = setup.sender_token if i < uploaders else setup.recipient_token
            t = threading.Thread(target=target, args=(server.port, token, state, stop, random.Random(rnd.random()), round_no), daemon=True)
            threads.append(t)
        before = dict(state.stats)
        load_seconds = rnd.uniform(*args.seconds)
        t0 = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(load_seconds)
        server.kill()  # the crash, while requests are in flight
        stop.set()
        for t in threads:
            t.join(timeout=REQUEST_TIMEOUT + 20)
            if t.is_alive():
                state.violation(f"round {round_no}: a worker did not finish {REQUEST_TIMEOUT + 20:.0f} s after the crash")
        t1 = time.monotonic()
        try:
            server.start()
        except RuntimeError:
            # The port may still be held; a new one is as good (same data folder).
            server.port = hubsetup.free_port()
            server.start()
        recovery = time.monotonic() - t1
        checker = Checker(server.port, setup, state, receipts, rnd, args.recheck_sample, args.full_recheck)
        checker.run(final=False)
        t2 = time.monotonic()
        delta = {k: state.stats[k] - before[k] for k in ("uploads_201", "uploads_200", "uploads_cut", "downloads", "acks", "requests_cut")}
        print(f"round {round_no}: load {load_seconds:.2f} s, +{delta['uploads_201']} created, +{delta['uploads_200']} resent-found, "
              f"{delta['uploads_cut']} uploads cut, {delta['downloads']} downloads, {delta['acks']} acks, "
              f"{delta['requests_cut']} other requests cut; restart {recovery:.2f} s; checks {t2 - t1 - recovery:.2f} s; "
              f"{len(state.violations)} violation(s) so far", flush=True)
        if state.violations:
            break

    # Final: resend what is still uncertain, full check, clean stop, audit chain.
    if not state.violations:
        stop = threading.Event()
        leftover = [(u, True) for u in state.uncertain] + [(u, False) for u in state.refused]
        if leftover:
            api = Api(server.port, setup.sender_token)
            with state.lock:
                state.uncertain.clear()
                state.refused.clear()
            for unit, cut_before in leftover:
                body, content_type = multipart(unit.files)
                status, _, data_ = api.request_retrying("POST", "/api/v1/units", body, {"Content-Type": content_type})
                if status in (200, 201):
                    result = json.loads(data_)
                    payload = ReceiptChecker.decode(result["receipt"])
                    with state.lock:
                        if cut_before:
                            state.stats["resends_after_crash"] += 1
                            state.stats["resend_committed" if status == 200 else "resend_new"] += 1
                        elif status != 201:
                            state.violations.append(f"upload of {unit.key} (refused with 429 before) answered {status}, not 201")
                        state.acceptances[unit.key] = Acceptance(unit, result["unit"]["id"], result["receipt"], payload, status, args.rounds + 1)
                else:
                    state.violation(f"final resend of {unit.key} answered {status}: {data_[:300]!r}")
            api.close()
        Checker(server.port, setup, state, receipts, rnd, args.recheck_sample, args.full_recheck).run(final=True)

    status = server.stop()
    if status not in (0, None):
        state.notes.append(f"careplan serve exited {status} on SIGTERM")
    server = None
    # Every receipt handed out is evidence of the audit chain up to its position: a log cut or rewritten by the crash
    # before any of them would show there.
    evidence = os.path.join(data, "held-receipts.jsonl")
    with open(evidence, "w") as out:
        for acceptance in state.acceptances.values():
            out.write(json.dumps(acceptance.receipt) + "\n")
        for ack in state.acks.values():
            out.write(json.dumps(ack.receipt) + "\n")
    audit = subprocess.run(
        [hubsetup.careplan_binary(), "audit", "verify", "--data", data, "--evidence", evidence], capture_output=True, text=True, timeout=300)
    audit_out = (audit.stdout + audit.stderr).strip()
    if audit.returncode != 0:
        state.violation(f"careplan audit verify --data DIR exited {audit.returncode}: {audit_out[-1500:]}")

    s = state.stats
    elapsed = time.monotonic() - started
    print("\ncrash_test summary")
    print(f"  rounds                 {round_no} of {args.rounds} (seed {seed}, {elapsed:.1f} s)")
    print(f"  units sent             {len(units) - len(state.fresh)} distinct ({s['upload_attempts']} POSTs: {s['uploads_201']} created, "
          f"{s['uploads_200'] + s['identical_resends']} answered 200, {s['uploads_cut']} cut by a crash, {s['uploads_429']} 429)")
    print(f"  cut uploads resent     {s['resends_after_crash']} ({s['resend_committed']} had been stored before the crash → 200, "
          f"{s['resend_new']} had not → 201); identical resends {s['identical_resends']}")
    print(f"  receipts held          {len(state.acceptances)} acceptance + {state.ack_receipts_received} ack "
          f"({len(state.acks)} units); signatures verified {s['receipts_verified']}"
          + ("" if HAVE_CRYPTO else " (skipped: no cryptography)"))
    print(f"  units checked          {s['units_checked']} (incl. units stored without a receipt seen: {s['orphans']} in the last check)")
    print(f"  files compared         {s['files_compared']} after restarts (+ {s['downloads']} live downloads)")
    print(f"  acks checked           {s['acks_checked']}")
    print(f"  audit verify           exit {audit.returncode}: {audit_out.splitlines()[-1] if audit_out else ''}")
    for note in dict.fromkeys(state.notes):
        print(f"  note: {note}")
    if state.violations:
        fail_summary()
        if not args.keep:
            print(f"(rerun with --keep --seed {seed} to keep the data folder)")
        return 1
    print("crash_test: OK — no violation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
