#!/usr/bin/env python3
"""Prints a JSON profile of a CSV file: row count and, per column, type, missing count and range."""
import csv
import json
import sys


def infer(value):
    for kind, convert in (("integer", int), ("number", float)):
        try:
            convert(value)
            return kind
        except ValueError:
            pass
    return "string"


def main(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = {name: {"type": None, "missing": 0, "min": None, "max": None} for name in reader.fieldnames or []}
        rows = 0
        for row in reader:
            rows += 1
            for name, value in row.items():
                column = columns.get(name)
                if column is None:
                    continue
                if value is None or value.strip() == "":
                    column["missing"] += 1
                    continue
                kind = infer(value)
                # A column is as general as its most general value: integer < number < string.
                order = ["integer", "number", "string"]
                if column["type"] is None or order.index(kind) > order.index(column["type"]):
                    column["type"] = kind
                if kind != "string":
                    number = float(value)
                    column["min"] = number if column["min"] is None else min(column["min"], number)
                    column["max"] = number if column["max"] is None else max(column["max"], number)
        for column in columns.values():
            if column["type"] == "string":
                column["min"] = column["max"] = None
    json.dump({"rows": rows, "columns": columns}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: summarize.py FILE.csv")
    main(sys.argv[1])
