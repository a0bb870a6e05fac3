#!/usr/bin/env python3
"""Generate Sources/CarePlanCSV/Encoding/MS932Tables.swift from Python's cp932 codec.

Usage (from anywhere):

    python3 Scripts/generate-ms932-tables.py            # rewrite the Swift file
    python3 Scripts/generate-ms932-tables.py --check    # exit 1 if the committed file is stale
    python3 Scripts/generate-ms932-tables.py --dump     # print "XXXX U+YYYY" for every mapping

Repertoire (what the strict Swift codec accepts):

* single bytes 0x00-0x7F (ASCII; cp932 keeps 0x5C = U+005C and 0x7E = U+007E)
  and 0xA1-0xDF (half-width katakana U+FF61-U+FF9F);
* every double-byte code with lead 0x81-0x9F / 0xE0-0xFC and trail
  0x40-0x7E / 0x80-0xFC that cp932 decodes, except lead bytes 0xF0-0xF9
  (user-defined characters / gaiji, decoded by Python to the Private Use Area).

Python also decodes 0x80, 0xA0, 0xFD, 0xFE and 0xFF (to U+0080 and
U+F8F0-U+F8F3); those are vendor extensions outside MS932 proper and are
left undefined here.

The output only depends on the cp932 codec tables, which have not changed
across Python 3 releases, so regenerating must give a byte-identical file.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Sources", "CarePlanCSV", "Encoding", "MS932Tables.swift")

LEAD_BYTES = list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD))
TRAIL_BYTES = list(range(0x40, 0x7F)) + list(range(0x80, 0xFD))
USER_DEFINED_LEADS = range(0xF0, 0xFA)
SINGLE_BYTES = list(range(0x00, 0x80)) + list(range(0xA1, 0xE0))


def decode_or_none(raw):
    try:
        text = raw.decode("cp932")
    except UnicodeDecodeError:
        return None
    if len(text) != 1:
        raise SystemExit("unexpected multi-character decode of %s: %r" % (raw.hex(), text))
    return text


def build():
    single = {}
    for byte in range(0x100):
        text = decode_or_none(bytes([byte]))
        if text is not None and byte in SINGLE_BYTES:
            single[byte] = ord(text)
    # The Swift side derives single bytes from these two rules instead of a table.
    for byte in SINGLE_BYTES:
        expected = byte if byte < 0x80 else 0xFF61 + (byte - 0xA1)
        if single.get(byte) != expected:
            raise SystemExit("single byte 0x%02X does not map to U+%04X" % (byte, expected))
    for byte in (0x80, 0xA0, 0xFD, 0xFE, 0xFF):
        if byte in single:
            raise SystemExit("byte 0x%02X unexpectedly in the repertoire" % byte)

    double = {}  # code -> scalar
    for lead in LEAD_BYTES:
        if lead in USER_DEFINED_LEADS:
            continue
        for trail in TRAIL_BYTES:
            text = decode_or_none(bytes([lead, trail]))
            if text is None:
                continue
            scalar = ord(text)
            # The Swift decoder writes two or three UTF-8 bytes per double-byte character.
            if scalar > 0xFFFF or scalar < 0x80:
                raise SystemExit("code %02X%02X maps outside U+0080-U+FFFF" % (lead, trail))
            if 0xE000 <= scalar <= 0xF8FF:
                raise SystemExit("code %02X%02X maps into the Private Use Area" % (lead, trail))
            double[(lead << 8) | trail] = scalar

    # Where several codes decode to one scalar, the encoder writes the one Windows writes (WideCharToMultiByte,
    # code page 932): a JIS X 0208 or NEC row 13 code (below 0xED00) when there is one, else the IBM extension
    # (0xFA40-0xFC4B) rather than its NEC-selected twin (0xED40-0xEEFC). Python's cp932 encoder prefers the
    # NEC-selected twins instead; both decode identically (docs/INTERPRETATIONS.md).
    codes_by_scalar = {}
    for code, scalar in double.items():
        codes_by_scalar.setdefault(scalar, []).append(code)

    def windows_preference(code):
        if code < 0xED00:
            return (0, code)
        if code >= 0xFA00:
            return (1, code)
        return (2, code)

    canonical = {scalar: bytes([byte]) for byte, scalar in single.items()}
    for scalar, codes in codes_by_scalar.items():
        if scalar in canonical:
            raise SystemExit("U+%04X is both single- and double-byte" % scalar)
        best = min(codes, key=windows_preference)
        canonical[scalar] = bytes([best >> 8, best & 0xFF])
    non_canonical = sorted(
        code for code, scalar in double.items() if canonical[scalar] != bytes([code >> 8, code & 0xFF])
    )
    python_differs = sum(1 for scalar, raw in canonical.items() if chr(scalar).encode("cp932") != raw)
    print("scalars whose Windows-preferred code differs from Python's encoder: %d" % python_differs)

    return single, double, non_canonical, len(canonical)


def render(single, double, non_canonical, scalar_count):
    rows = []
    for lead in LEAD_BYTES:
        row = "".join("%04X" % double.get((lead << 8) | trail, 0) for trail in TRAIL_BYTES)
        rows.append("        " + row)
    codes = []
    for start in range(0, len(non_canonical), 12):
        chunk = non_canonical[start:start + 12]
        codes.append("        " + ", ".join("0x%04X" % code for code in chunk) + ",")

    out = []
    out.append("// Generated by Scripts/generate-ms932-tables.py from Python's cp932 codec. DO NOT EDIT.")
    out.append("// Regenerate with: python3 Scripts/generate-ms932-tables.py")
    out.append("// Verify with:     python3 Scripts/generate-ms932-tables.py --check")
    out.append("")
    out.append("/// Raw MS932 mapping data; `MS932` turns it into lookup tables on first use.")
    out.append("enum MS932Tables {")
    out.append("    /// Defined single bytes: 0x00-0x7F (identity) and 0xA1-0xDF (U+FF61-U+FF9F).")
    out.append("    static let singleByteCount = %d" % len(single))
    out.append("")
    out.append("    /// Defined double-byte codes, user-defined lead bytes 0xF0-0xF9 excluded.")
    out.append("    static let doubleByteCount = %d" % len(double))
    out.append("")
    out.append("    /// Distinct Unicode scalars in the repertoire (each has exactly one canonical code).")
    out.append("    static let scalarCount = %d" % scalar_count)
    out.append("")
    out.append("    /// Lead bytes in table row order.")
    out.append("    static let leadBytes: [ClosedRange<UInt8>] = [0x81...0x9F, 0xE0...0xFC]")
    out.append("")
    out.append("    /// Trail bytes in table column order.")
    out.append("    static let trailBytes: [ClosedRange<UInt8>] = [0x40...0x7E, 0x80...0xFC]")
    out.append("")
    out.append("    /// One line per lead byte (%d lines), %d columns of 4 hex digits: the BMP scalar, 0000 = unmapped."
               % (len(LEAD_BYTES), len(TRAIL_BYTES)))
    out.append("    /// A string literal rather than an integer array literal keeps type-checking fast.")
    out.append('    static let doubleByteHex = """')
    out.extend(rows)
    out.append('        """')
    out.append("")
    out.append("    /// Double-byte codes that decode fine but that the encoder never produces, because their scalar has")
    out.append("    /// a preferred code (as Windows chooses): JIS X 0208 / NEC row 13 first, then IBM extensions")
    out.append("    /// 0xFA40-0xFC4B over their NEC-selected 0xED-0xEE twins.")
    out.append("    static let nonCanonicalDoubleByteCodes: [UInt16] = [")
    out.extend(codes)
    out.append("    ]")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    single, double, non_canonical, scalar_count = build()
    if "--dump" in sys.argv:
        for byte in sorted(single):
            print("%02X U+%04X" % (byte, single[byte]))
        for code in sorted(double):
            print("%04X U+%04X" % (code, double[code]))
        return
    text = render(single, double, non_canonical, scalar_count)
    if "--check" in sys.argv:
        with open(OUTPUT, encoding="utf-8") as handle:
            if handle.read() != text:
                print("%s is out of date; rerun the generator" % OUTPUT, file=sys.stderr)
                sys.exit(1)
        return
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print("wrote %s: %d single-byte, %d double-byte (%d non-canonical), %d scalars"
          % (os.path.relpath(OUTPUT, ROOT), len(single), len(double), len(non_canonical), scalar_count))


if __name__ == "__main__":
    main()
