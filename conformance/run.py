#!/usr/bin/env python3
"""Runs a SKILL.md implementation over the conformance cases and reports what agrees with the spec.

    python3 conformance/run.py --command 'skillrt validate --format conformance'
    python3 conformance/run.py --command 'python3 conformance/adapters/rust-skillrt-v0.1.py' --json
    python3 conformance/run.py --actual results/   # outputs made beforehand: results/<area>/<case>.json

The command is run once per case with the case's skill file appended as its last argument, and
must print one JSON object on stdout (the runner contract, README.md). Only the standard library
is used, so any machine with Python 3.8 or later can run it.
"""

import argparse
import concurrent.futures
import decimal
import json
import os
import shlex
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
PARTS = ("mode", "frontmatter", "body", "manifest", "diagnostics")
# Objects whose key order the spec fixes (source order, sections 3.3, 3.8, 4.7, 12.1); elsewhere order is free.
ORDERED_ROOTS = (("frontmatter",), ("manifest", "metadata"), ("manifest", "extensions"))


class Ordered(list):
    """A JSON object read with its key order kept: a list of (key, value) pairs."""


def read_json(text):
    # Numbers as Decimal: compared by value (1 equals 1.0), exactly at any size (spec 3.8).
    return json.loads(text, object_pairs_hook=Ordered, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def load_json_file(path):
    with open(path, encoding="utf-8") as handle:
        return read_json(handle.read())


def get(obj, key, default=None):
    if isinstance(obj, Ordered):
        for k, v in obj:
            if k == key:
                return v
    return default


def has(obj, key):
    return isinstance(obj, Ordered) and any(k == key for k, _ in obj)


def find_cases(root, filters):
    cases = []
    for folder, _, files in os.walk(root):
        if "expected.json" in files:
            name = os.path.relpath(folder, root).replace(os.sep, "/")
            if not filters or any(f in name for f in filters):
                cases.append((name, folder))
    return sorted(cases)


def show(value):
    return json.dumps(plain(value), ensure_ascii=False)[:200]


def plain(value):
    if isinstance(value, Ordered):
        return {k: plain(v) for k, v in value}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 10**30 else float(value)
    return value


def differences(expected, actual, path, ordered, limit=8):
    """Where two JSON values differ, as 'path: expected X, got Y' lines (at most limit)."""
    out = []

    def walk(e, a, p, keep_order):
        if len(out) >= limit:
            return
        if isinstance(e, Ordered) and isinstance(a, Ordered):
            ekeys = [k for k, _ in e]
            akeys = [k for k, _ in a]
            for k in ekeys:
                if k not in akeys:
                    out.append(f"{p}.{k}: missing (expected {show(get(e, k))})")
            for k in akeys:
                if k not in ekeys:
                    out.append(f"{p}.{k}: unexpected {show(get(a, k))}")
            if keep_order and ekeys != akeys and set(ekeys) == set(akeys):
                out.append(f"{p}: keys in order {akeys}, expected {ekeys}")
            for k in ekeys:
                if k in akeys:
                    walk(get(e, k), get(a, k), f"{p}.{k}", keep_order)
        elif isinstance(e, list) and isinstance(a, list) and not isinstance(e, Ordered) and not isinstance(a, Ordered):
            if len(e) != len(a):
                out.append(f"{p}: {len(a)} items, expected {len(e)}: got {show(a)}, expected {show(e)}")
                return
            for i, (ei, ai) in enumerate(zip(e, a)):
                walk(ei, ai, f"{p}[{i}]", keep_order)
        elif type(e) is not type(a) or e != a:
            # bool is not a number here: True must not equal 1.
            out.append(f"{p}: expected {show(e)}, got {show(a)}")

    walk(expected, actual, path, ordered)
    return out


def manifest_differences(expected, actual, partial):
    """The manifest, with the key order kept only under metadata and extensions; partial compares only keys given."""
    if not isinstance(expected, Ordered) or not isinstance(actual, Ordered):
        return differences(expected, actual, "manifest", False)
    out = []
    for key, value in expected:
        if not has(actual, key):
            if not partial:
                out.append(f"manifest.{key}: missing (expected {show(value)})")
            continue
        out += differences(value, get(actual, key), f"manifest.{key}", ("manifest", key) in ORDERED_ROOTS)
    if not partial:
        for key, value in actual:
            if not has(expected, key):
                out.append(f"manifest.{key}: unexpected {show(value)}")
    return out


def diagnostic_key(d, with_position=True):
    key = (get(d, "file"), get(d, "id"), get(d, "severity"))
    if with_position:
        key += (plain(get(d, "line")), plain(get(d, "column")))
    return key


def compare_diagnostics(expected, actual):
    """Multiset match on file, id, severity, line and column; an expected diagnostic without a column matches any."""
    remaining = list(actual)
    missing = []
    for e in expected:
        match = None
        for i, a in enumerate(remaining):
            ek, ak = diagnostic_key(e), diagnostic_key(a)
            if ek[:4] == ak[:4] and (not has(e, "column") or ek[4] == ak[4]):
                match = i
                break
        if match is None:
            missing.append(e)
        else:
            remaining.pop(match)
    ids_agree = Counter(diagnostic_key(d, False) for d in expected) == Counter(diagnostic_key(d, False) for d in actual)
    return missing, remaining, ids_agree


def describe(d):
    where = f"{plain(get(d, 'line'))},{plain(get(d, 'column'))}" if has(d, "column") else f"{plain(get(d, 'line'))}"
    file = f"{get(d, 'file')}:" if get(d, "file") else ""
    return f"{get(d, 'id')}@{file}{where}({get(d, 'severity')})"


def run_case(command, actual_dir, name, folder, timeout):
    expected = load_json_file(os.path.join(folder, "expected.json"))
    skill = os.path.join(folder, get(expected, "skill") or "SKILL.md")
    result = {"case": name, "spec": plain(get(expected, "spec") or []), "parts": {}, "details": []}
    if actual_dir is not None:
        path = os.path.join(actual_dir, *name.split("/")) + ".json"
        if not os.path.isfile(path):
            result.update(status="error", details=[f"no output at {path}"])
            return result
        with open(path, "rb") as handle:
            stdout, stderr, code = handle.read(), b"", 0
    else:
        try:
            process = subprocess.run(command + [skill], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            result.update(status="error", details=[f"no answer within {timeout} s"])
            return result
        except OSError as error:
            result.update(status="error", details=[f"cannot start {command[0]}: {error}"])
            return result
        stdout, stderr, code = process.stdout, process.stderr, process.returncode
    try:
        actual = read_json(stdout.decode("utf-8"))
        if not isinstance(actual, Ordered):
            raise ValueError("the output is not a JSON object")
    except (ValueError, UnicodeDecodeError) as error:
        stderr = stderr.decode("utf-8", "replace").strip()[-400:]
        result.update(status="error", details=[f"exit code {code}, no JSON object on stdout ({error}); stderr: {stderr}"])
        return result

    partial = set(get(actual, "partial") or [])
    for part in PARTS:
        if not has(expected, part):
            continue
        if not has(actual, part):
            result["parts"][part] = "unsupported"
            continue
        e, a = get(expected, part), get(actual, part)
        if part == "diagnostics":
            missing, unexpected, ids_agree = compare_diagnostics(e, a)
            ok = not missing and not unexpected
            result["ids_agree"] = ids_agree
            if missing:
                result["details"].append("missing " + ", ".join(describe(d) for d in missing))
            if unexpected:
                result["details"].append("unexpected " + ", ".join(describe(d) for d in unexpected))
        elif part == "manifest":
            diffs = manifest_differences(e, a, "manifest" in partial)
            ok = not diffs
            result["details"] += diffs
            if ok and isinstance(e, Ordered) and isinstance(a, Ordered) and any(not has(a, k) for k, _ in e):
                # A partial manifest that agrees on every key it gives: agreement so far, not a pass.
                result["parts"][part] = "partial"
                continue
        else:
            diffs = differences(e, a, part, part == "frontmatter")
            ok = not diffs
            result["details"] += diffs
        result["parts"][part] = "pass" if ok else "fail"

    states = set(result["parts"].values())
    result["status"] = "fail" if "fail" in states else ("incomplete" if states - {"pass"} else "pass")
    return result


def area_of(name):
    return name.split("/", 1)[0]


def summarize(results):
    summary = Counter(r["status"] for r in results)
    by_area = {}
    for r in results:
        by_area.setdefault(area_of(r["case"]), Counter())[r["status"]] += 1
    parts = {}
    for r in results:
        for part, state in r["parts"].items():
            parts.setdefault(part, Counter())[state] += 1
    ids = Counter("agree" if r.get("ids_agree") else "differ" for r in results if "ids_agree" in r)
    return summary, by_area, parts, ids


def print_text(results, out):
    for r in results:
        line = f"{r['status'].upper():10} {r['case']}"
        if r["status"] != "pass":
            line += "\n" + "\n".join("           " + d for d in r["details"][:10])
            unsupported = [p for p, s in r["parts"].items() if s in ("unsupported", "partial")]
            if unsupported:
                line += "\n           not reported: " + ", ".join(unsupported)
        print(line, file=out)
    summary, by_area, parts, ids = summarize(results)
    print("", file=out)
    for area, counts in sorted(by_area.items()):
        total = sum(counts.values())
        print(f"{area:28} {counts['pass']:4} / {total:<4} passed", file=out)
    print("", file=out)
    for part, counts in parts.items():
        print(f"{part:12} " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())), file=out)
    if ids:
        print(f"diagnostic ids (ignoring positions): {ids['agree']} agree, {ids['differ']} differ", file=out)
    print(f"{summary['pass']} passed, {summary['fail'] + summary['error']} failed, "
          f"{summary['incomplete']} incomplete ({summary['error']} of the failures gave no result)", file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--command", help="the implementation's command; the case's skill file is appended")
    source.add_argument("--actual", help="a folder of outputs made beforehand, one <area>/<case>.json per case, instead of a command")
    parser.add_argument("--cases", default=os.path.join(HERE, "cases"), help="the cases folder (default: conformance/cases)")
    parser.add_argument("--filter", action="append", default=[], help="run only cases whose path contains this (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="cases run at once (default: one per core)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds one case may take (default 60)")
    parser.add_argument("--json", action="store_true", help="print one JSON report instead of text")
    args = parser.parse_args()

    command = shlex.split(args.command) if args.command is not None else None
    if command is not None and not command:
        parser.error("--command is empty")
    cases = find_cases(args.cases, args.filter)
    if not cases:
        print(f"run.py: no case (a folder with expected.json) under {args.cases}", file=sys.stderr)
        return 2
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: run_case(command, args.actual, c[0], c[1], args.timeout), cases))

    if args.json:
        summary, by_area, parts, ids = summarize(results)
        report = {
            "command": args.command if args.command is not None else "outputs in " + args.actual,
            "summary": {"cases": len(results), **{k: summary[k] for k in ("pass", "fail", "incomplete", "error")}},
            "areas": {a: dict(c) for a, c in sorted(by_area.items())},
            "parts": {p: dict(c) for p, c in parts.items()},
            "diagnosticIds": dict(ids),
            "cases": results,
        }
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_text(results, sys.stdout)
    return 0 if all(r["status"] == "pass" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
