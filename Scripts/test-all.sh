#!/usr/bin/env bash
# CarePlan Link — every test, on a fresh machine: the README's test command, and what .ci/run calls.
#
# 1. installs what the tests need and the image may lack (Debian: libsqlite3-dev, curl, python3-venv, chromium,
#    fonts-noto-cjk, poppler-utils; PyPI, into .build-reliability/venv: schemathesis),
# 2. starts a throwaway PostgreSQL cluster on loopback (Scripts/postgres.sh: Debian's postgresql), builds and runs the
#    Swift test suites (`swift test`: the store conformance suite on SQLite and PostgreSQL), then the hub suite again
#    with every fixture on PostgreSQL; the cluster is stopped on exit,
# 3. the reliability harness, short form:
#    - Scripts/fuzz.sh: every libFuzzer target for FUZZ_SECONDS (default 30) seconds,
#    - Scripts/reliability/crash_test.py: a real `careplan serve` killed with SIGKILL mid-traffic, several rounds,
#    - Scripts/reliability/browser_test.sh: the web UI and the forms in a real headless Chromium (Playwright), desktop
#      and phone widths, screenshots kept,
#    - Scripts/reliability/contract_test.sh: schemathesis against the served OpenAPI document.
# Long forms: `Scripts/fuzz.sh --seconds 3600`, `crash_test.py --rounds 50`, `MAX_TIME=900 contract_test.sh`.
# Every step fails loudly; the last line counts the parts that passed.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
export PATH="/opt/swift/usr/bin:$PATH"

if ! command -v swift >/dev/null 2>&1; then
    echo "test-all: swift not found (expected /opt/swift/usr/bin/swift)" >&2
    exit 1
fi
swift --version

missing=()
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
command -v curl >/dev/null 2>&1 || missing+=(curl)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
# The forms' PDF and screenshot tests: a real browser engine, a Japanese font, and poppler to read the PDFs back.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# (Read into a variable: `fc-list | grep -q` under pipefail fails when grep stops reading early.)
fonts="$(fc-list 2>/dev/null || true)"
[[ "$fonts" == *"Noto Sans CJK JP"* ]] || missing+=(fonts-noto-cjk)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
    echo "test-all: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# PostgreSQL: a throwaway cluster on loopback for this run (Scripts/postgres.sh installs the server when missing),
# stopped on every exit. The store conformance suite runs on it, then the whole hub suite a second time on it.
postgres_dir=.build-postgres/ci-cluster
# The trap first, so that a start that fails half-way stops what it started; the URL is read on its own line, so
# that a failed start stops the run (an `export X="$(…)"` would report export's status).
trap 'bash Scripts/postgres.sh stop "$postgres_dir" || true' EXIT
postgres_url=$(bash Scripts/postgres.sh start "$postgres_dir" 54330)
if [ -z "$postgres_url" ]; then
    echo "test-all: Scripts/postgres.sh start printed no URL" >&2
    exit 1
fi
export CAREPLAN_TEST_POSTGRES_URL="$postgres_url"
export CAREPLAN_REQUIRE_POSTGRES=1

# The PDF and screenshot tests must run here (they skip only in a plain `swift test` without Chromium); their
# artefacts (PDFs, PNG pages, screenshots) go to .build-reliability/artefacts/forms/.
export CAREPLAN_REQUIRE_BROWSER=1

# Runs `swift test --skip-build --no-parallel` with the given extra arguments, its output in the log file $1, and
# prints how many tests passed; fails when the run failed or ran no test (Swift Testing prints "Test run with N
# tests ... passed"; a run that executed no test must not pass silently).
# One test at a time: the live-hub tests measure timeouts, and CPU-heavy suites beside them on 2 cores starve the
# hub's handlers for seconds. Serial costs about 30 s against 17 s in parallel.
run_swift_tests() {
    local log=$1
    shift
    local status count
    set +e
    swift test --skip-build --no-parallel "$@" 2>&1 | tee "$log" >&2
    status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        echo "test-all: swift test $* failed with status $status" >&2
        return "$status"
    fi
    count=$(grep -Eo "Test run with [0-9]+ tests? .*passed" "$log" | grep -Eo "[0-9]+" | head -1 || true)
    if [ -z "$count" ] || [ "$count" -eq 0 ]; then
        echo "test-all: no passing Swift Testing run found in $log" >&2
        return 1
    fi
    echo "$count"
}

mkdir -p .build-reliability
start=$(date +%s)
swift build --build-tests
swift_tests=$(run_swift_tests .build-reliability/swift-test.log)
echo "test-all: swift test passed ($swift_tests tests) in $(($(date +%s) - start)) s"

# The hub suite again, every fixture on PostgreSQL (a schema each).
start=$(date +%s)
pg_tests=$(CAREPLAN_TEST_STORE=postgres run_swift_tests .build-reliability/swift-test-postgres.log --filter CarePlanHubTests)
echo "test-all: the hub suite on PostgreSQL passed ($pg_tests tests) in $(($(date +%s) - start)) s"

# The benchmarks are opt-in (no product ships them), so nothing else builds them: build them here, and run the
# listing benchmark once at a small size, so that they cannot rot unnoticed. Figures in debug mean nothing.
start=$(date +%s)
ENABLE_CAREPLAN_BENCHMARKS=1 swift build --product careplan-bench
ENABLE_CAREPLAN_BENCHMARKS=1 swift run --skip-build careplan-bench listing --units 1000 --runs 1 > .build-reliability/bench-smoke.log
echo "test-all: benchmarks build and run in $(($(date +%s) - start)) s"

start=$(date +%s)
Scripts/fuzz.sh --seconds "${FUZZ_SECONDS:-30}"
echo "test-all: fuzzing passed in $(($(date +%s) - start)) s"

export CAREPLAN="$PWD/.build/debug/careplan"
start=$(date +%s)
python3 Scripts/reliability/crash_test.py
echo "test-all: crash test passed in $(($(date +%s) - start)) s"

start=$(date +%s)
Scripts/reliability/browser_test.sh
echo "test-all: browser test passed in $(($(date +%s) - start)) s"

start=$(date +%s)
Scripts/reliability/contract_test.sh
echo "test-all: contract test passed in $(($(date +%s) - start)) s"

echo "summary: $((swift_tests + pg_tests + 5)) passed, 0 failed"
