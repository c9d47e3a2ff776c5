#!/usr/bin/env python3
"""samples/validate.py: check the generated sample feeds.

Checks that every XML feed and SVG is well-formed, that the JSON feed
follows JSON Feed 1.1, that every relative image reference points at a
file in samples/images/, that the size limits hold, that the deliberate
quirks the README promises are present, and that the committed output is
what generate.py writes today. Prints one line per problem; exits 1 on
any. Standard library only.
"""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
problems = []


def bad(msg):
    problems.append(msg)
    print("FAIL " + msg)


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")


def check_jsonfeed(path):
    try:
        f = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        bad("%s: not JSON: %s" % (path, e))
        return []
    if f.get("version") != "https://jsonfeed.org/version/1.1":
        bad("%s: version is not 1.1" % path)
    if not isinstance(f.get("title"), str):
        bad("%s: no title" % path)
    if not isinstance(f.get("items"), list):
        bad("%s: no items" % path)
        return []
    ids = set()
    for i, it in enumerate(f["items"]):
        where = "%s item %d" % (path, i)
        if not isinstance(it.get("id"), str) or it["id"] in ids:
            bad(where + ": id missing, not a string, or repeated")
        ids.add(it.get("id"))
        if "content_html" not in it and "content_text" not in it:
            bad(where + ": neither content_html nor content_text")
        for k in ("date_published", "date_modified"):
            if k in it and not RFC3339.match(it[k]):
                bad(where + ": %s is not RFC 3339" % k)
        for a in it.get("authors", []):
            if not isinstance(a, dict) or not (set(a) & {"name", "url", "avatar"}):
                bad(where + ": bad author")
        if "tags" in it and not all(isinstance(t, str) for t in it["tags"]):
            bad(where + ": tags must be strings")
    return f["items"]


def main():
    feeds = os.path.join(HERE, "feeds")
    imgs = os.path.join(HERE, "images")
    texts = {}
    for name in sorted(os.listdir(feeds)):
        p = os.path.join(feeds, name)
        texts[name] = open(p, encoding="utf-8").read()
        if name.endswith(".xml"):
            try:
                ET.parse(p)
            except ET.ParseError as e:
                bad("%s: not well-formed: %s" % (name, e))
        elif name.endswith(".json"):
            check_jsonfeed(p)
    for name in sorted(os.listdir(imgs)):
        p = os.path.join(imgs, name)
        if os.path.getsize(p) > 5 * 1024:
            bad("images/%s is larger than 5 KB" % name)
        if name.endswith(".svg"):
            try:
                ET.parse(p)
            except ET.ParseError as e:
                bad("images/%s: not well-formed: %s" % (name, e))
            if re.search(r"<script|\bon\w+=", open(p).read()):
                bad("images/%s: scripts or handlers in a sample image" % name)

    # every relative image reference resolves to a file
    for name, t in texts.items():
        if name == "hostile.xml":
            continue
        for ref in set(re.findall(r"\.\./images/([\w.-]+)", t)):
            if not os.path.exists(os.path.join(imgs, ref)):
                bad("%s points at missing images/%s" % (name, ref))

    # sources.txt lists every feed exactly once
    listed = []
    for line in open(os.path.join(HERE, "sources.txt")):
        line = line.strip()
        if line and not line.startswith("#"):
            path, _, group = line.partition(" ")
            if not group.strip():
                bad("sources.txt: no group for " + path)
            listed.append(path)
    if sorted(listed) != sorted("feeds/" + n for n in texts):
        bad("sources.txt does not list exactly the files in feeds/")

    total = 0
    for root, _, files in os.walk(HERE):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    if total > 2 * 1024 * 1024:
        bad("samples/ is %d bytes, over 2 MB" % total)

    # the promised quirks are there
    herald = texts["northbay-herald.rss.xml"]
    radio = texts["harborlight-radio.rss.xml"]
    wire = texts["meridian-wire.atom.xml"]
    expect = [
        ("glued tags", "<category>Harbor AuthorityportsShippingstrikeNorthbay</category>" in herald),
        ("double-escaped entity in a title", "&amp;#8217;" in radio),
        ("radio items without pubDate", radio.count("<item>") > radio.count("<pubDate>")),
        ("relative links", re.search(r"<link[^>]*>/news/", radio) and '"url": "/posts/' in texts["civic-pulse.json"]),
        ("wire boilerplate repeated", wire.count("BACKGROUND: Calder Province") >= 10),
        ("xhtml content", 'type="xhtml"' in wire),
        ("RDF feed", "purl.org/rss/1.0/" in texts["coastline-review.rdf.xml"]),
        ("non-RFC-822 zone", " CET</pubDate>" in radio),
        ("localized date", "nov. 2026" in texts["courrier-de-la-baie.rss.xml"]),
        ("right-to-left text", 'dir="rtl"' in texts["sada-alsahil.rss.xml"]),
    ]
    for what, ok in expect:
        if not ok:
            bad("quirk missing: " + what)
    hostile = texts["hostile.xml"]
    sys.path.insert(0, HERE)
    import hostile as h
    for n in range(1, h.HIGHEST + 1):
        # 8 is assembled at run time, 10 is base64 inside a data: URL, 42 is an
        # IE/Gecko binding that cannot name a number
        if n not in (8, 10, 42) and "__xss(%d)" % n not in hostile:
            bad("hostile.xml: payload %d missing" % n)

    # the committed output is what the generator writes
    r = subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--check"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        bad("generate.py --check: " + (r.stdout + r.stderr).strip())

    count = sum(t.count("<item>") + t.count("<item ") + t.count("<entry>") for n, t in texts.items()
                if n != "hostile.xml") + len(json.load(open(os.path.join(feeds, "civic-pulse.json")))["items"])
    print("%d feeds, %d articles, %d bytes in samples/; %d problems" % (len(texts), count, total, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
