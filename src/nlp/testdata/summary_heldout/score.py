#!/usr/bin/env python3
"""Score `tidings summarize` on this held-out set against two Lead-3
baselines: tidings' own `--lead 3` (what rouge.py and t6100 use) and an
independent "clean" Lead-3 computed here, the way an outside scorer would:
the first three sentences of the body, with the headline (line 1), byline
lines ("By ...") and the dateline prefix removed, split by a small
abbreviation-aware splitter that does not depend on tidings.

    score.py TIDINGS_BINARY [DIR]

Prints per article: ours R1 R2 RL | tidings-lead3 | clean-lead3, then means.
"""
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "summary"))
import rouge  # noqa: E402  (the same tokeniser, stemmer and F1 as t6100)

ABBR = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gov", "sen", "rep", "rev",
        "gen", "col", "lt", "sgt", "prof", "no", "vs", "inc", "corp", "co",
        "ltd", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "aug", "sept",
        "sep", "oct", "nov", "dec", "pa", "mich", "md", "calif", "fla", "ohio",
        "mass", "wash", "ariz", "tex", "a.m", "p.m", "e.g", "i.e", "cllr",
        "mt", "ft"}

DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-/]+(?:, [A-Za-z .']+)*"
    r"(?:,? [A-Z][a-z]{2,4}\.? \d{1,2})?"
    r"(?: \((?:AP|AFP|Reuters|Reuters Breakingviews)\))? ?[-\u2014\u2013] ")


def sentences(text):
    out = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        start = 0
        for m in re.finditer(r"[.!?][\"'\u201d)]*\s+(?=[\"'\u201c(]?[A-Z0-9])",
                             para):
            word = re.findall(r"([A-Za-z.]+)[.!?]$",
                              para[start:m.start() + 1])
            w = word[0].lower().rstrip(".") if word else ""
            if w in ABBR or (len(w) == 1 and w.isalpha()):
                continue
            out.append(para[start:m.end()].strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return out


def clean_lead3(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    body = []
    # Line 1 is the headline when it has no final stop (../summary/ has no
    # headline line: its first line is the lead paragraph).
    first = lines[0].strip()
    skip = 0 if re.search(r"[.!?][\"'\u201d)]*$", first) else 1
    for ln in lines[skip:]:
        s = ln.strip()
        if re.match(r"^By [A-Z][\w.'\- ]+(,.*)?$", s) and len(s) < 80:
            continue                           # byline
        body.append(s)
    text = "\n".join(body).strip()
    text = DATELINE.sub("", text, count=1)
    return " ".join(sentences(text)[:3])


def main():
    binary = sys.argv[1]
    d = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(
        os.path.abspath(__file__))
    tot = [[0.0] * 3 for _ in range(3)]
    files = sorted(glob.glob(os.path.join(d, "*.txt")))
    for f in files:
        with open(f[:-4] + ".ref", encoding="utf-8") as fh:
            ref = fh.read()
        row = [rouge.rouge(rouge.summarize(binary, f, []), ref),
               rouge.rouge(rouge.summarize(binary, f, ["--lead", "3"]), ref),
               rouge.rouge(clean_lead3(f), ref)]
        for k in range(3):
            for i in range(3):
                tot[k][i] += row[k][i]
        print("%s ours %.3f %.3f %.3f | lead3 %.3f %.3f %.3f | clean-lead3 "
              "%.3f %.3f %.3f" % ((os.path.basename(f),) + row[0] + row[1]
                                  + row[2]))
    n = len(files) or 1
    print("mean ours %.4f %.4f %.4f | lead3 %.4f %.4f %.4f | clean-lead3 "
          "%.4f %.4f %.4f" % tuple(x / n for r in tot for x in r))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--show-lead":
        for f in sys.argv[2:]:
            print(os.path.basename(f), "|", clean_lead3(f))
        sys.exit(0)
    main()
