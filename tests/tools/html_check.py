"""Check exported HTML pages independently of carepath, with html5lib (the
HTML5 parsing algorithm). Usage: html_check.py FILE...

For each file prints one JSON line: {"file", "errors": [...], "text",
"scripts"}: parse errors, links that do not resolve (to a file of the
export or an id in it), any http(s) address, the page's text as a reader
sees it, and how many <script> elements it has."""
import json
import os
import re
import sys
from urllib.parse import unquote

import html5lib

ids_of = {}
docs = {}
errors = {}
for name in sys.argv[1:]:
    errs = []
    with open(name, "rb") as f:
        raw = f.read()
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    doc = parser.parse(raw)
    for pos, code, data in parser.errors:
        errs.append(f"parse error {code} at {pos}: {data}")
    if re.search(rb"https?://", raw):
        errs.append("an http(s) address is in the page")
    docs[name] = doc
    errors[name] = errs
    ids_of[os.path.abspath(name)] = {e.get("id") for e in doc.iter() if e.get("id")}

for name, doc in docs.items():
    errs = errors[name]
    here = os.path.abspath(name)
    for e in doc.iter():
        for attr in ("href", "src", "xlink:href"):
            v = e.get(attr)
            if v is None:
                continue
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", v):
                errs.append(f"{attr}={v!r} leaves the export")
                continue
            path, _, frag = v.partition("#")
            target = os.path.normpath(os.path.join(os.path.dirname(here), unquote(path))) if path else here
            if target not in ids_of:
                errs.append(f"{attr}={v!r}: no such file in the export")
            elif frag and unquote(frag) not in ids_of[target]:
                errs.append(f"{attr}={v!r}: no such place in {os.path.basename(target)}")
    body = doc.find("body")
    text = "".join(body.itertext()) if body is not None else ""
    scripts = sum(1 for e in doc.iter() if e.tag == "script")
    print(json.dumps({"file": name, "errors": errs, "text": text, "scripts": scripts}))
