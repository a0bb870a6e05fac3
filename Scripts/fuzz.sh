#!/usr/bin/env bash
# CarePlan Link — libFuzzer harness (issue "Hub hardening", part "Reliability harness").
#
# Builds the fuzz targets of Fuzz/ with swiftc -sanitize=fuzzer,address (not SwiftPM), seeds their corpora and runs
# each for a while:
#
#     Scripts/fuzz.sh                              # every target, 30 s each (about 5 minutes with the first build)
#     Scripts/fuzz.sh --seconds 3600               # long form: an hour per target
#     Scripts/fuzz.sh --seconds 600 multipart ms932
#     Scripts/fuzz.sh --build-only
#
# Targets: multipart ms932 csv-reader file-name send-unit. Output goes to .build-fuzz/ (git-ignored by `.build*/`):
# binaries .build-fuzz/<target>, corpora .build-fuzz/corpus/<target>/ (kept between runs, so long runs go on where the
# last one stopped), logs .build-fuzz/logs/<target>.log, crash inputs .build-fuzz/crashes/<target>/.
#
# A crash (or a broken invariant, or a >10 s input) makes the script exit 1 and print the input's path. Then:
#
#     .build-fuzz/<target> <crash-file>                                  # reproduce: runs that one input
#     .build-fuzz/<target> -minimize_crash=1 -runs=100000 <crash-file>   # minimise (writes minimized-from-* here)
#
# The CarePlanCSV sources are compiled once into .build-fuzz/lib (a static library and its module) and each CSV
# target links against it; multipart compiles MultipartFormData.swift (which imports nothing) with its harness.
# Sources are rebuilt only when newer than their outputs. Needs nothing beyond the Swift toolchain: it ships
# libFuzzer (lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a), AddressSanitizer, lld and llvm-symbolizer.
set -euo pipefail
script=$(readlink -f "$0")
cd "$(dirname "$script")/.."

all_targets=(multipart ms932 csv-reader file-name send-unit)
seconds=30
build_only=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds)
            [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --seconds needs a whole number" >&2; exit 2; }
            seconds=$2
            shift 2
            ;;
        --build-only) build_only=1; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$script" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *)
            [[ " ${all_targets[*]} " == *" $1 "* ]] || { echo "fuzz.sh: unknown target $1 (${all_targets[*]})" >&2; exit 2; }
            targets+=("$1")
            shift
            ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

export PATH="/opt/swift/usr/bin:$PATH"
swiftc=$(command -v swiftc) || { echo "fuzz.sh: swiftc not found (expected /opt/swift/usr/bin/swiftc)" >&2; exit 1; }
toolbin=$(dirname "$(readlink -f "$swiftc")")
out=.build-fuzz
mkdir -p "$out/lib" "$out/gen" "$out/logs" "$out/corpus" "$out/crashes" "$out/probe"

flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault)
# The toolchain's lld links quietly; gold (the default) warns about every ASan symbol it cannot export.
[ -x "$toolbin/ld.lld" ] && flags+=(-use-ld=lld)
[ -x "$toolbin/llvm-symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$toolbin/llvm-symbolizer"

# Outputs depend on the flags through this stamp, rewritten only when they change (not on every edit of this script).
stamp="$out/flags.stamp"
printf '%s\n' "$swiftc" "${flags[@]}" >"$stamp.$$"
if cmp -s "$stamp.$$" "$stamp"; then rm "$stamp.$$"; else mv "$stamp.$$" "$stamp"; fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# True when $1 is missing or older than any of the other files.
stale() {
    local output=$1 input
    shift
    [ -e "$output" ] || return 0
    for input in "$@"; do [ "$input" -nt "$output" ] && return 0; done
    return 1
}

# --- the toolchain can build a libFuzzer binary -----------------------------------------------------------------
probe="$out/probe/probe"
if stale "$probe" "$stamp"; then
    printf '@_cdecl("LLVMFuzzerTestOneInput") public func fuzz(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }\n' >"$out/probe/probe.swift"
    if ! "$swiftc" "${flags[@]}" "$out/probe/probe.swift" -o "$probe" >"$out/probe/log" 2>&1 || ! "$probe" -runs=1 >>"$out/probe/log" 2>&1; then
        cat "$out/probe/log" >&2
        echo "fuzz.sh: $swiftc cannot build a libFuzzer binary; a Swift toolchain for Linux from swift.org ships the runtime" >&2
        echo "         (lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a); no Debian package adds it to swiftc" >&2
        exit 1
    fi
fi

# --- sample names, generated from `ls Samples` ------------------------------------------------------------------
# file-name and send-unit pick names from this list by a byte of the input; regenerated (and the two targets rebuilt)
# only when the folder's listing changes.
names_swift="$out/gen/SampleFileNames.swift"
{
    echo "// Generated by Scripts/fuzz.sh from \`ls Samples\`; do not edit."
    echo "let sampleFileNames: [String] = ["
    LC_ALL=C ls Samples | grep -E '^[A-Za-z0-9_]+\.(CSV|jpg)$' | sed 's/.*/    "&",/'
    echo "]"
} >"$names_swift.$$"
if cmp -s "$names_swift.$$" "$names_swift"; then rm "$names_swift.$$"; else mv "$names_swift.$$" "$names_swift"; fi
mapfile -t sample_names < <(LC_ALL=C ls Samples | grep -E '^[A-Za-z0-9_]+\.(CSV|jpg)$')

# --- build ------------------------------------------------------------------------------------------------------
mapfile -t csv_sources < <(find Sources/CarePlanCSV -name '*.swift' | LC_ALL=C sort)
lib="$out/lib/libCarePlanCSV.a"
module="$out/lib/CarePlanCSV.swiftmodule"
needs_lib=0
for target in "${targets[@]}"; do [ "$target" != multipart ] && needs_lib=1; done
if [ $needs_lib = 1 ] && stale "$lib" "${csv_sources[@]}" "$stamp"; then
    echo "== building CarePlanCSV (${#csv_sources[@]} files) into $lib"
    start=$(now)
    rm -f "$lib" "$module"
    "$swiftc" "${flags[@]}" -wmo -num-threads "$(nproc)" -module-name CarePlanCSV -emit-library -static \
        -emit-module -emit-module-path "$module" -o "$lib" "${csv_sources[@]}" >"$out/logs/build-CarePlanCSV.log" 2>&1 ||
        { cat "$out/logs/build-CarePlanCSV.log" >&2; echo "fuzz.sh: CarePlanCSV does not build" >&2; exit 1; }
    echo "   CarePlanCSV built in $(elapsed "$start") s"
fi

multipart_source=Sources/CarePlanHub/HTTP/Uploads/MultipartFormData.swift
declare -A build_failed=()
build_target() {
    local target=$1 binary="$out/$1" sources
    if [ "$target" = multipart ]; then
        sources=("$multipart_source" Fuzz/multipart.swift Fuzz/Support/Invariant.swift)
        stale "$binary" "${sources[@]}" "$stamp" || return 0
        set -- -module-name MultipartFuzz -wmo "${sources[@]}"
    else
        sources=("Fuzz/$target.swift" Fuzz/Support/Invariant.swift)
        if [ "$target" = file-name ] || [ "$target" = send-unit ]; then sources+=("$names_swift"); fi
        stale "$binary" "${sources[@]}" "$lib" "$stamp" || return 0
        set -- -module-name "Fuzz_${target//-/_}" -wmo -I "$out/lib" "${sources[@]}" "$lib"
    fi
    local start
    start=$(now)
    if "$swiftc" "${flags[@]}" "$@" -o "$binary" >"$out/logs/build-$target.log" 2>&1; then
        echo "   $target built in $(elapsed "$start") s"
    else
        cat "$out/logs/build-$target.log" >&2
        echo "fuzz.sh: $target does not build" >&2
        rm -f "$binary"
        build_failed[$target]=1
    fi
}
echo "== building targets: ${targets[*]}"
for target in "${targets[@]}"; do build_target "$target"; done
if [ $build_only = 1 ]; then
    [ ${#build_failed[@]} -eq 0 ] || exit 1
    exit 0
fi

# --- seed corpora -----------------------------------------------------------------------------------------------
# Committed seeds (Fuzz/seeds/<target>/) and the samples; copied into the corpus each run (same names, so no growth).
hexbyte() { printf "\\x$(printf %02x "$1")"; }
seed_corpus() {
    local target=$1 corpus="$out/corpus/$1" index name unit
    mkdir -p "$corpus"
    [ -d "Fuzz/seeds/$target" ] && cp -f Fuzz/seeds/"$target"/* "$corpus/"
    case "$target" in
        ms932 | csv-reader)
            for name in Samples/*.CSV; do cp -f "$name" "$corpus/sample-$(basename "$name")"; done
            ;;
        file-name)
            for name in "${sample_names[@]}"; do printf '%s' "$name" >"$corpus/name-$name"; done
            ;;
        send-unit)
            # One seed per sample file, and one per send unit (files sharing the ファイル連番, at most 4 of them).
            declare -A units=()
            for index in "${!sample_names[@]}"; do
                name=${sample_names[$index]}
                { hexbyte "$index"; cat "Samples/$name"; } >"$corpus/file-$name"
                unit=$(sed -E 's/.*_([0-9]{14})(_[0-9]{4})?\.[A-Za-z]+$/\1/' <<<"$name")
                units[$unit]="${units[$unit]:-} $index"
            done
            for unit in "${!units[@]}"; do
                local members=(${units[$unit]}) count=0
                {
                    for index in "${members[@]:0:4}"; do
                        [ $count -gt 0 ] && printf '\xff\xfe'
                        hexbyte "$index"
                        cat "Samples/${sample_names[$index]}"
                        count=$((count + 1))
                    done
                } >"$corpus/unit-$unit"
            done
            ;;
    esac
}

# --- run --------------------------------------------------------------------------------------------------------
declare -A dicts=([multipart]=Fuzz/dicts/multipart.dict [csv-reader]=Fuzz/dicts/csv.dict [send-unit]=Fuzz/dicts/csv.dict)
failed=0
summary=()
for target in "${targets[@]}"; do
    if [ -n "${build_failed[$target]:-}" ]; then
        summary+=("$(printf '%-10s  BUILD FAILED (see %s)' "$target" "$out/logs/build-$target.log")")
        failed=1
        continue
    fi
    seed_corpus "$target"
    corpus="$out/corpus/$target"
    crashes="$out/crashes/$target"
    log="$out/logs/$target.log"
    mkdir -p "$crashes"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/")
    [ -n "${dicts[$target]:-}" ] && options+=(-dict="${dicts[$target]}")
    echo "== fuzzing $target for $seconds s (log: $log)"
    status=0
    "$out/$target" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    files=$(find "$corpus" -type f | wc -l)
    bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{ total += $1 } END { print total + 0 }')
    line=$(printf '%-10s  executions %10s  exec/s %7s  corpus %5d files %9d bytes' "$target" "${executions:-?}" "${speed:-?}" "$files" "$bytes")
    if [ $status -eq 0 ]; then
        summary+=("$line  ok")
    else
        failed=1
        artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
        grep -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|SUMMARY' "$log" | head -5 >&2 || true
        summary+=("$line  FAILED (status $status)")
        summary+=("            input: ${artifact:-none written, see $log}")
        [ -n "$artifact" ] && summary+=("            reproduce: $out/$target $artifact")
    fi
done

echo "== summary ($seconds s per target)"
printf '%s\n' "${summary[@]}"
exit $failed
