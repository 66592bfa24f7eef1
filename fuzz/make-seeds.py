#!/usr/bin/env python3
"""Builds the fuzz harnesses' seed corpora and JSON dictionary from the test fixtures.

Usage: make-seeds.py REPO_ROOT OUT_DIR

OUT_DIR/<harness>/ gets one file per seed, framed as the harness reads its input (selector
bytes, request JSON, NUL, upstream bytes); OUT_DIR/json.dict gets the JSON keys and values the
validators and translators look for, taken from the sources, so it stays current.
"""
import hashlib
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
data = root / "tests" / "data"
fuzz = root / "fuzz"

# Must match kCases in fuzz/TranslatorCases.cpp.
CASE_COUNT = 8
STREAM_CASES = [0, 1, 2, 3, 5, 6, 7]


def write(harness, payload):
    directory = out / harness
    directory.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(payload).hexdigest()
    (directory / name).write_bytes(payload)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


requests = []  # client request bodies
responses = []  # 2xx upstream bodies
streams = []  # (request body or b"", upstream SSE bytes)

for path in sorted(data.rglob("*.json")):
    try:
        doc = json.loads(path.read_text())
    except ValueError:
        continue
    name = path.name
    if not isinstance(doc, dict):
        continue
    if name.startswith("request_") and "client" in doc:
        requests.append(compact(doc["client"]))
    elif name.startswith("response_") and "upstream" in doc:
        responses.append(compact(doc["upstream"]))
    elif name.endswith(".request.json") or path.parent.name == "codex" and "model" in doc:
        requests.append(path.read_bytes())
        upstream = path.with_name(name[: -len(".request.json")] + ".upstream.sse")
        if upstream.exists():
            streams.append((path.read_bytes(), upstream.read_bytes()))
    elif "messages" in doc or "input" in doc:
        requests.append(path.read_bytes())

sse_files = sorted(data.rglob("*.sse"))
for path in sse_files:
    if not path.name.endswith(".client.sse"):
        streams.append((b"", path.read_bytes()))

errors = sorted((fuzz / "seeds" / "upstream-errors").iterdir())
heads = sorted((fuzz / "seeds" / "http").iterdir())
answers = sorted((fuzz / "seeds" / "upstream-responses").iterdir())

for path in sse_files:
    write("fuzz_sse_parser", path.read_bytes())
for path in heads:
    for limits in (0, 1, 0x41):
        write("fuzz_http_request_stream", bytes([limits]) + path.read_bytes())
for path in answers:
    for options in (0, 1):
        write("fuzz_upstream_response", bytes([options]) + path.read_bytes())
def lengthened(value, depth=1):
    """Every string below the top level made long enough for JsonReader's outline to cut."""
    if isinstance(value, dict):
        return {k: lengthened(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [lengthened(v, depth + 1) for v in value]
    if isinstance(value, str) and depth >= 2:
        return value + ' \u00e9"\n' + "x" * 300
    return value


for body in requests:
    for harness in ("fuzz_validate_chat", "fuzz_validate_messages", "fuzz_validate_responses",
                    "fuzz_json_codecs"):
        write(harness, body)
    try:
        long_strings = compact(lengthened(json.loads(body)))
    except ValueError:
        continue
    for harness in ("fuzz_json_codecs", "fuzz_validate_chat", "fuzz_validate_messages"):
        write(harness, long_strings)
for case in range(CASE_COUNT):
    for body in requests:
        write("fuzz_translate_request", bytes([case]) + body)
    for body in responses:
        write("fuzz_translate_response", bytes([case, 0]) + b"\0" + body)
    for i, path in enumerate(errors):
        write("fuzz_translate_response", bytes([case, 0x80 | (i * 9)]) + b"\0" + path.read_bytes())
for case in STREAM_CASES:
    for i, (request, upstream) in enumerate(streams):
        write("fuzz_translate_stream", bytes([case, i * 2]) + request + b"\0" + upstream)

# The dictionary: string literals of the parsers, validators and translators that look like
# JSON keys or values (snake_case words, dotted event names).
words = set()
literal = re.compile(r'QStringLiteral\("([a-z][a-z0-9_.]{1,40})"\)|"([a-z][a-z0-9_.]{1,40})"')
for source in (root / "src" / "core").rglob("*.cpp"):
    if source.parent.name not in ("api", "providers", "anthropic", "responses", "sse"):
        continue
    for match in literal.finditer(source.read_text(errors="replace")):
        words.add(match.group(1) or match.group(2))
with open(out / "json.dict", "w") as dictionary:
    for word in sorted(words):
        dictionary.write('"\\"%s\\""\n' % word)
    for token in ('{', '}', '[', ']', ':', ',', 'true', 'false', 'null', '1e308', '-1',
                  '0.5', '"\\u0000"', '"\\ud800"', '""'):
        dictionary.write('"%s"\n' % token.replace('\\', '\\\\').replace('"', '\\"'))

counts = {d.name: len(list(d.iterdir())) for d in sorted(out.iterdir()) if d.is_dir()}
print("seeds: " + ", ".join("%s %d" % item for item in counts.items()))
