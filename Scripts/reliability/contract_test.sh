#!/usr/bin/env bash
# Contract test: the hub's served OpenAPI document (/openapi.yaml) against the running hub, with schemathesis.
#
# Starts its own `careplan serve` on a free loopback port with a throwaway data folder (two offices, a user and an API
# token each, one unit sent each way so that inbox and outbox are not empty), runs `schemathesis run` with the sender's
# bearer token, stops the hub and exits with schemathesis' status (non-zero on any failure).
#
#   Scripts/reliability/contract_test.sh
#   MAX_EXAMPLES=200 MAX_TIME=900 Scripts/reliability/contract_test.sh     # longer
#   Scripts/reliability/contract_test.sh --exclude-path /api/v1/units      # extra arguments go to `schemathesis run`
#
# Environment: CAREPLAN (binary; default .build/debug/careplan), MAX_EXAMPLES (per operation, default 25),
# MAX_TIME (schemathesis' time budget in seconds, default 120; fuzzing and stateful phases repeat until it is spent),
# HARD_TIMEOUT (kill schemathesis after this, default MAX_TIME+60), CHECKS (default below), SEED (schemathesis --seed),
# WORKERS (default 1: with several, hypothesis' ast.parse in threads trips a CPython 3.11.7 bug, "AST constructor
# recursion depth mismatch"), REQUESTS_PER_MINUTE (the hub's per-office rate limit, default 1000000 so that the
# operations' logic is tested rather than 429; "hub" keeps the hub's own default), SCHEMATHESIS_VERSION (4.32.5),
# RELIABILITY_VENV (default .build-reliability/venv), REPORT_DIR (default .build-reliability/contract-report),
# KEEP=1 keeps the data folder. Only 127.0.0.1 is used.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CAREPLAN="${CAREPLAN:-$root/.build/debug/careplan}"
venv="${RELIABILITY_VENV:-$root/.build-reliability/venv}"
version="${SCHEMATHESIS_VERSION:-4.32.5}"
max_examples="${MAX_EXAMPLES:-25}"
max_time="${MAX_TIME:-120}"
hard_timeout="${HARD_TIMEOUT:-$((max_time + 60))}"
workers="${WORKERS:-1}"
rpm="${REQUESTS_PER_MINUTE:-1000000}"
report_dir="${REPORT_DIR:-$root/.build-reliability/contract-report}"
checks="${CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,ignored_auth}"

if [ ! -x "$CAREPLAN" ]; then
    echo "contract_test: careplan binary not found at $CAREPLAN (cd $root && swift build --product careplan, or set CAREPLAN)" >&2
    exit 2
fi

# schemathesis from PyPI into a venv of its own (kept between runs; reinstalled when the version differs).
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "version $version\$"; then
    echo "contract_test: installing schemathesis $version into $venv"
    python3 -m venv "$venv"
    timeout 600 "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi
"$venv/bin/schemathesis" --version

work="$(mktemp -d "${TMPDIR:-/tmp}/careplan-contract.XXXXXX")"
server_pid=""
cleanup() {
    local status=$?
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then echo "contract_test: kept $work"; else rm -rf "$work"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

data="$work/data"
rpm_args=()
[ "$rpm" != hub ] && rpm_args=(--requests-per-minute "$rpm")
eval "$(python3 "$here/hubsetup.py" setup --data "$data" "${rpm_args[@]}")"
port="$(python3 "$here/hubsetup.py" free-port)"
"$CAREPLAN" serve --data "$data" --host 127.0.0.1 --port "$port" --log-level warning >"$work/serve.log" 2>&1 &
server_pid=$!
python3 "$here/hubsetup.py" wait-health --port "$port" --pid "$server_pid" --timeout 30
base="http://127.0.0.1:$port"
echo "contract_test: hub $base (pid $server_pid), data $data, rate limit ${rpm} requests/min per office"

# One unit each way: the sender's outbox and inbox then hold units for the response schemas to be checked against.
upload() { # token folder
    local args=() f
    for f in "$2"/*; do args+=(-F "file=@$f;filename=$(basename "$f");type=application/octet-stream"); done
    curl -sS --max-time 30 -o "$work/upload.json" -w '%{http_code}' -H "Authorization: Bearer $1" "${args[@]}" "$base/api/v1/units"
}
"$CAREPLAN" sample monthly-plan --seed 7 --out "$work/seed-plan" >/dev/null
"$CAREPLAN" sample results --seed 7 --out "$work/seed-results" >/dev/null
code="$(upload "$SENDER_TOKEN" "$work/seed-plan")"
[ "$code" = 201 ] || { echo "contract_test: seeding upload (sender) answered $code: $(cat "$work/upload.json")" >&2; exit 2; }
code="$(upload "$RECIPIENT_TOKEN" "$work/seed-results")"
[ "$code" = 201 ] || { echo "contract_test: seeding upload (recipient) answered $code: $(cat "$work/upload.json")" >&2; exit 2; }

mkdir -p "$report_dir"
report_dir="$(cd "$report_dir" && pwd)"
rm -f "$report_dir"/junit*.xml "$report_dir"/*.ndjson
seed_args=()
[ -n "${SEED:-}" ] && seed_args=(--seed "$SEED")
echo "contract_test: schemathesis run $base/openapi.yaml --checks $checks --max-examples $max_examples --max-time $max_time (hard timeout ${hard_timeout}s)"
started=$SECONDS
# schemathesis keeps a cache of failing cases (.schemathesis/, for `st replay ID`) in its working folder: keep it out
# of the work tree.
cd "$(dirname "$report_dir")"
set +e
timeout --kill-after=15 "$hard_timeout" \
    "$venv/bin/schemathesis" run "$base/openapi.yaml" \
    --url "$base" \
    --header "Authorization: Bearer $SENDER_TOKEN" \
    --checks "$checks" \
    --max-examples "$max_examples" \
    --max-time "$max_time" \
    --request-timeout 10 \
    --workers "$workers" \
    --generation-database none \
    --no-color \
    --report junit,ndjson --report-dir "$report_dir" \
    --report-junit-path "$report_dir/junit.xml" --report-ndjson-path "$report_dir/schemathesis.ndjson" \
    "${seed_args[@]}" "$@"
status=$?
set -e
echo "contract_test: schemathesis exited $status after $((SECONDS - started)) s; reports in $report_dir"
if [ -s "$report_dir/schemathesis.ndjson" ]; then
    python3 "$here/contract_summary.py" "$report_dir/schemathesis.ndjson" || true
fi
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    echo "contract_test: schemathesis was stopped by the hard timeout (${hard_timeout}s)" >&2
fi
if ! kill -0 "$server_pid" 2>/dev/null; then
    # The first lines name the trap (e.g. "Fatal error: Index out of range") and the crashed thread's frames.
    echo "contract_test: the hub DIED during the run; serve.log (head):" >&2
    grep -v '^$' "$work/serve.log" | grep -v '^\.\.\.$' | head -25 >&2 || true
    status=1
elif [ "$status" != 0 ] && [ -s "$work/serve.log" ]; then
    echo "--- serve.log (tail) ---"
    tail -20 "$work/serve.log" || true
fi
exit "$status"
