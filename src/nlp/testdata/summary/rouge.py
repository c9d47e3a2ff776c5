#!/usr/bin/env python3
"""ROUGE-1, ROUGE-2 and ROUGE-L F1 of `tidings summarize` against our
reference summaries, next to the Lead-3 baseline.

    rouge.py TIDINGS_BINARY [DIR]

DIR holds NN.txt (article) and NN.ref (human-style reference summary).
Tokens are lower-cased runs of letters and digits, stemmed with Snowball
English (loaded from libstemmer through ctypes) as ROUGE does with Porter.
ROUGE-L is the F1 of the longest common subsequence over the whole
summary. Prints one line per article and a final line:

    mean ours R1 R2 RL lead3 R1 R2 RL
"""
import ctypes
import ctypes.util
import glob
import json
import os
import re
import subprocess
import sys


def load_stemmer():
    name = ctypes.util.find_library("stemmer") or "libstemmer.so.0d"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return lambda w: w
    lib.sb_stemmer_new.restype = ctypes.c_void_p
    lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.sb_stemmer_stem.restype = ctypes.c_void_p
    lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                    ctypes.c_int]
    lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
    st = lib.sb_stemmer_new(b"english", b"UTF_8")
    cache = {}

    def stem(w):
        if w not in cache:
            b = w.encode()
            p = lib.sb_stemmer_stem(st, b, len(b))
            n = lib.sb_stemmer_length(st)
            cache[w] = ctypes.string_at(p, n).decode()
        return cache[w]
    return stem


STEM = load_stemmer()


def tokens(s):
    return [STEM(w) for w in re.findall(r"[a-z0-9]+", s.lower())]


def ngrams(t, n):
    d = {}
    for i in range(len(t) - n + 1):
        g = tuple(t[i:i + n])
        d[g] = d.get(g, 0) + 1
    return d


def f1(overlap, nc, nr):
    if nc == 0 or nr == 0 or overlap == 0:
        return 0.0
    p, r = overlap / nc, overlap / nr
    return 2 * p * r / (p + r)


def rouge_n(c, r, n):
    a, b = ngrams(c, n), ngrams(r, n)
    ov = sum(min(v, b.get(g, 0)) for g, v in a.items())
    return f1(ov, sum(a.values()), sum(b.values()))


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge(cand, ref):
    c, r = tokens(cand), tokens(ref)
    return (rouge_n(c, r, 1), rouge_n(c, r, 2), f1(lcs(c, r), len(c), len(r)))


def summarize(binary, path, extra):
    out = subprocess.run([binary, "summarize"] + extra + [path],
                         capture_output=True, check=True, text=True).stdout
    return json.loads(out)["summary"]


def main():
    binary = sys.argv[1]
    d = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(__file__)
    ours, lead = [0.0] * 3, [0.0] * 3
    files = sorted(glob.glob(os.path.join(d, "*.txt")))
    for f in files:
        with open(f[:-4] + ".ref", encoding="utf-8") as fh:
            ref = fh.read()
        a = rouge(summarize(binary, f, []), ref)
        b = rouge(summarize(binary, f, ["--lead", "3"]), ref)
        for i in range(3):
            ours[i] += a[i]
            lead[i] += b[i]
        print("%s ours %.3f %.3f %.3f lead3 %.3f %.3f %.3f" % (
            (os.path.basename(f),) + a + b))
    n = len(files) or 1
    print("mean ours %.4f %.4f %.4f lead3 %.4f %.4f %.4f" % tuple(
        [x / n for x in ours] + [x / n for x in lead]))


if __name__ == "__main__":
    main()
