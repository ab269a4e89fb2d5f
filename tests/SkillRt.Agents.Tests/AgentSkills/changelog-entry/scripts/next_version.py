#!/usr/bin/env python3
"""Prints the semantic version that follows CURRENT for a change of KIND (major, minor or patch)."""
import re
import sys


def main(argv):
    if len(argv) != 3 or argv[2] not in ("major", "minor", "patch"):
        print("usage: next_version.py CURRENT major|minor|patch", file=sys.stderr)
        return 2
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)", argv[1].strip())
    if not match:
        print(f"not a version: {argv[1]!r} (expected MAJOR.MINOR.PATCH)", file=sys.stderr)
        return 2
    major, minor, patch = (int(part) for part in match.groups())
    if argv[2] == "major":
        major, minor, patch = major + 1, 0, 0
    elif argv[2] == "minor":
        minor, patch = minor + 1, 0
    else:
        patch += 1
    print(f"{major}.{minor}.{patch}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
