#!/usr/bin/env python3
"""Score `tidings extract` on fixture pairs NAME.html / NAME.txt.

    tests/extract-score.py BUILD/tidings DIR [DIR...]

Prints precision, recall and F1 of word 3-shingles (as a multiset, words
lower-cased runs of letters, digits and non-ASCII: the measure of
extract_test.c and t6000) for every page, then the mean per directory and
overall. Exits 1 when a page fails to extract.
"""
import json
import os
import re
import subprocess
import sys
from collections import Counter


def shingles(s):
    w = re.findall(r"[0-9a-z\u0080-\U0010ffff]+", s.lower())
    return Counter(zip(w, w[1:], w[2:]))


def score(got, want):
    g, w = shingles(got), shingles(want)
    common = sum((g & w).values())
    if not g and not w:
        return 1.0, 1.0, 1.0
    p = common / max(1, sum(g.values()))
    r = common / max(1, sum(w.values()))
    return p, r, (2 * p * r / (p + r) if common else 0.0)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tidings, dirs = sys.argv[1], sys.argv[2:]
    allf, bad = [], 0
    for d in dirs:
        f1s = []
        print("# %s" % d)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".html"):
                continue
            base = name[:-5]
            want_path = os.path.join(d, base + ".txt")
            if not os.path.exists(want_path):
                continue
            run = subprocess.run(
                [tidings, "extract", "--url",
                 "https://news.example/2024/" + base,
                 os.path.join(d, name)], capture_output=True)
            if run.returncode != 0:
                print("%-22s FAILED: %s" % (base, run.stderr.decode().strip()))
                bad += 1
                f1s.append(0.0)
                continue
            got = json.loads(run.stdout)["text"]
            want = open(want_path, encoding="utf-8").read()
            p, r, f = score(got, want)
            f1s.append(f)
            print("%-22s P %.3f  R %.3f  F1 %.3f" % (base, p, r, f))
        if f1s:
            print("mean F1 over %d pages: %.4f" % (len(f1s),
                                                  sum(f1s) / len(f1s)))
        allf += f1s
    if len(dirs) > 1 and allf:
        print("overall mean F1 over %d pages: %.4f" % (len(allf),
                                                       sum(allf) / len(allf)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
