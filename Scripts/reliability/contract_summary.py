#!/usr/bin/env python3
"""Summarises a schemathesis NDJSON report (contract_test.sh): per operation, the status codes the hub answered
(with the error codes of the envelope), and every distinct check failure with one request that caused it.

    contract_summary.py REPORT.ndjson
"""

from __future__ import annotations

import base64
import collections
import json
import sys


def decode_body(content) -> bytes:
    if not content:
        return b""
    if isinstance(content, dict) and "$base64" in content:
        return base64.b64decode(content["$base64"])
    if isinstance(content, dict) and "string" in content:
        return content["string"].encode()
    return str(content).encode()


def error_code(body: bytes) -> str:
    try:
        value = json.loads(body)
        return value["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return ""


def describe(request: dict) -> str:
    body = decode_body(request.get("body"))
    text = f"{request.get('method')} {request.get('uri')}"
    if body:
        shown = body[:160]
        text += f"  body[{len(body)}]={shown!r}" + ("…" if len(body) > 160 else "")
    return text


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failures: dict[tuple, list] = {}
    network_errors: collections.Counter = collections.Counter()
    unanswered: list[str] = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder") or {}
            label = recorder.get("label", "?")
            interactions = recorder.get("interactions") or {}
            for case_id, interaction in interactions.items():
                response = interaction.get("response")
                request = interaction.get("request") or {}
                if response is None:
                    network_errors[label] += 1
                    unanswered.append(describe(request))
                    continue
                body = decode_body(response.get("content"))
                code = error_code(body)
                statuses[label][(response.get("status_code"), code)] += 1
            for case_id, checks in (recorder.get("checks") or {}).items():
                interaction = interactions.get(case_id) or {}
                response = interaction.get("response") or {}
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    info = (check.get("failure_info") or {}).get("failure") or {}
                    message = (info.get("message") or "").strip().splitlines()
                    key = (info.get("operation") or label, check.get("name"), info.get("title", ""),
                           message[0] if message else "", response.get("status_code"),
                           error_code(decode_body(response.get("content"))))
                    entry = failures.setdefault(key, [0, describe(interaction.get("request") or {}), message])
                    entry[0] += 1

    print("== status codes answered, per operation (status error.code × count) ==")
    for label in sorted(statuses):
        parts = [f"{status}{' ' + code if code else ''} ×{n}" for (status, code), n in sorted(statuses[label].items(), key=lambda kv: (kv[0][0] or 0, kv[0][1]))]
        print(f"  {label}: " + ", ".join(parts))
    if network_errors:
        print("== requests without a response (network errors) ==")
        for label, n in network_errors.most_common():
            print(f"  {label}: {n}")
        for request in unanswered[:5]:
            print(f"      e.g. {request[:400]}")
    print(f"== distinct check failures: {len(failures)} ==")
    for (operation, check, title, first, status, code), (n, request, message) in sorted(failures.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][4]))):
        print(f"  [{check}] {operation}: {title} — {' / '.join(message)[:300]} (status {status}{' ' + code if code else ''}; ×{n})")
        print(f"      e.g. {request[:400]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
