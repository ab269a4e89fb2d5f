#!/usr/bin/env python3
"""Flags dangerous patterns in one SQL statement: prints 'LEVEL: message' lines, or 'OK'."""
import re
import sys


def findings(sql):
    text = " ".join(sql.split())
    upper = text.upper()
    if re.search(r"\bSELECT\s+\*", upper):
        yield "WARNING: SELECT * returns every column; name the columns you need"
    if re.match(r"(DELETE|UPDATE)\b", upper) and not re.search(r"\bWHERE\b", upper):
        yield f"ERROR: {upper.split()[0]} without WHERE changes every row"
    if re.search(r"\bDROP\s+TABLE\b", upper) and "IF EXISTS" not in upper:
        yield "WARNING: DROP TABLE without IF EXISTS fails when the table is missing"


def main(argv):
    if len(argv) != 2:
        print("usage: lint_sql.py STATEMENT", file=sys.stderr)
        return 2
    found = list(findings(argv[1]))
    print("\n".join(found) if found else "OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
