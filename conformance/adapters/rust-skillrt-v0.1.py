#!/usr/bin/env python3
"""Conformance adapter for the Rust skillrt v0.1 CLI (`skill`, github.com/jakejjoyner/skillrt).

    python3 conformance/run.py --command 'python3 conformance/adapters/rust-skillrt-v0.1.py --skill /path/to/skill'

That CLI prints text, not the runner contract, so this adapter runs it and translates what it says,
and nothing more: it never reads the skill file itself, so every answer is the Rust implementation's.

- `skill validate <file>` gives acceptance: "ok (prose, N bytes)" or "ok (structured) name@version"
  with exit 0, or one "Error: ..." line with exit 1 (serde stops at the first problem). The error is
  mapped to the catalogue's ID where one fits; its serde_yaml position ("at line L column C", counted
  from the frontmatter's first line) is moved to the file's lines. An error with no position keeps a
  null line and column; one with no catalogue ID keeps an ID of its own ("x-rust-skillrt/...").
- `skill run <file>` prints the body (v0.1 does not execute skills), which gives "body".
- `skill info <file>` prints name, version, description, authors, license and tags, which give a
  partial manifest ("partial": ["manifest"]). The frontmatter as JSON is not shown: left out.
The Rust CLI has no warnings or infos, so it reports none.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

ADAPTER_ID = "x-rust-skillrt/"


def run(skill, *args):
    # A private data folder, so the CLI never touches the user's skill store.
    env = dict(os.environ, XDG_DATA_HOME=tempfile.gettempdir() + "/rust-skillrt-adapter-data", LC_ALL="C.UTF-8")
    return subprocess.run([skill, *args], capture_output=True, env=env, timeout=60)


def frontmatter_line_offset(path):
    """How many lines come before the text serde_yaml sees: the opening '---' line and the blank lines
    v0.1's parser trims after it (parser.rs: trim_start_matches of CR and LF). Read only to translate
    serde_yaml's positions, never to decide anything the implementation did not say."""
    with open(path, "rb") as handle:
        data = handle.read()
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    after = text[text.find("---") + 3:]
    trimmed = after[: len(after) - len(after.lstrip("\r\n"))]
    return trimmed.replace("\r\n", "\n").count("\n") + trimmed.replace("\r\n", "").count("\r")


# serde / serde_yaml messages and the catalogue IDs they correspond to.
def classify(message):
    m = message
    if m.startswith("missing frontmatter delimiters"):
        return "SKILL0001"
    if "stream did not contain valid UTF-8" in m:
        return "SKILL0005"
    if re.search(r"inputs\[\d+\]: missing field `name`", m):
        return "SKILL0301"
    if "missing field `name`" in m:
        return "SKILL0101"
    if "missing field `description`" in m:
        return "SKILL0104"
    if "missing field `version`" in m:
        return ADAPTER_ID + "version-required"      # 0.2: version is optional (4.1)
    if "missing field `type`" in m:
        return ADAPTER_ID + "type-required"         # 0.2: input type defaults to string, outputs.type may be left out
    if "duplicate entry" in m or "duplicate field" in m:
        return "SKILL0003"
    if "recursion limit exceeded" in m:
        return "SKILL0008"
    if "repetition limit exceeded" in m:
        return "SKILL0007"
    if "unknown anchor" in m:
        return "SKILL0010"
    if "more than one document" in m:
        return "SKILL0009"
    if re.search(r"invalid type: [^,]+, expected struct Frontmatter", m):
        return "SKILL0009"
    if "unknown variant" in m:
        if re.search(r"inputs\[\d+\]\.type", m):
            return "SKILL0303"
        if "outputs.type" in m:
            return "SKILL0401"
        return ADAPTER_ID + "unknown-variant"
    if re.search(r"(^|: )version: ", m) or "unexpected character" in m and "version" in m:
        return "SKILL0107"
    if "invalid type" in m or "invalid value" in m:
        return "SKILL0108"
    if any(s in m for s in ("did not find expected", "mapping values are not allowed", "found character that cannot start",
                            "could not find expected", "found unexpected end of stream", "found a tab character",
                            "control characters are not allowed", "block sequence entries are not allowed",
                            "found undefined tag handle", "did not find URI escaped octet", "found unknown escape",
                            "found incompatible YAML document", "found unexpected document indicator", "expected",
                            "while scanning", "while parsing")):
        return "SKILL0002"
    return ADAPTER_ID + "error"


def diagnostics(path, message):
    ident = classify(message)
    position = re.search(r"at line (\d+) column (\d+)", message)
    line = column = None
    if position:
        line = int(position.group(1)) + frontmatter_line_offset(path)
        column = int(position.group(2))
    return [{"id": ident, "severity": "error", "line": line, "column": column, "message": message}]


def rust_debug_strings(text):
    """Parses a Rust Debug-formatted Vec<String> (["a", "b\\n"]) as `skill info` prints authors and tags."""
    items, i = [], text.index("[") + 1
    while True:
        while i < len(text) and text[i] in " ,":
            i += 1
        if i >= len(text) or text[i] == "]":
            return items
        assert text[i] == '"', text
        i += 1
        out = []
        while text[i] != '"':
            if text[i] == "\\":
                i += 1
                c = text[i]
                if c == "u":
                    end = text.index("}", i)
                    out.append(chr(int(text[i + 2:end], 16)))
                    i = end
                else:
                    out.append({"n": "\n", "r": "\r", "t": "\t", "0": "\0"}.get(c, c))
            else:
                out.append(text[i])
            i += 1
        items.append("".join(out))
        i += 1


def manifest_from_info(output):
    # name, version and description are printed raw; a multi-line description runs up to the "authors:" line.
    text = output.decode("utf-8")
    fields = {}
    match = re.match(r"kind: structured\nname: (.*)\nversion: (.*)\ndescription: (.*?)\nauthors: (.*)\nlicense: (.*)\ninputs: (\d+)\ntags: (.*)\n$", text, re.S)
    if not match:
        return None
    name, version, description, authors, license_, _, tags = match.groups()
    fields.update(name=name, description=description, version=version, authors=rust_debug_strings(authors),
                  license=license_, tags=rust_debug_strings(tags))
    return fields


def main():
    args = sys.argv[1:]
    skill = os.environ.get("SKILLRT_RUST_SKILL")
    if len(args) >= 2 and args[0] == "--skill":
        skill, args = args[1], args[2:]
    if not skill or len(args) != 1:
        print("usage: rust-skillrt-v0.1.py --skill /path/to/skill <SKILL.md>  (or set SKILLRT_RUST_SKILL); "
              "the Rust CLI's binary is named 'skill', like procps's /usr/bin/skill, so give its path", file=sys.stderr)
        return 2
    path = args[0]

    validate = run(skill, "validate", path)
    out = validate.stdout.decode("utf-8", "replace").strip()
    result = {"partial": ["manifest"]}
    if validate.returncode == 0 and out.startswith("ok (prose"):
        result.update(mode="prose", manifest=None, diagnostics=[])
    elif validate.returncode == 0 and out.startswith("ok (structured)"):
        info = run(skill, "info", path)
        result.update(mode="structured", manifest=manifest_from_info(info.stdout) if info.returncode == 0 else None, diagnostics=[])
    else:
        message = validate.stderr.decode("utf-8", "replace").strip()
        message = message[len("Error: "):] if message.startswith("Error: ") else message
        result.update(manifest=None, diagnostics=diagnostics(path, message))
        # v0.1 reports these two only for files it read as structured (parser.rs).
        if message.startswith("missing frontmatter delimiters") or message.startswith("invalid frontmatter"):
            result["mode"] = "structured"

    if validate.returncode == 0:
        body = run(skill, "run", path)
        if body.returncode == 0:
            text = body.stdout.decode("utf-8", "replace")
            # `skill run` prints the body with println!, which adds one line feed.
            result["body"] = text[:-1] if text.endswith("\n") else text
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
