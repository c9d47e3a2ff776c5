#!/usr/bin/env python3
"""Score `tidings extract` on fixture pairs NAME.html / NAME.txt.

    tests/extract-score.py BUILD/tidings DIR [DIR...]

    tests/extract-score.py --noise PROFILE BUILD/tidings DIR [DIR...]

Prints precision, recall and F1 of word 3-shingles (as a multiset, words
lower-cased runs of letters, digits and non-ASCII: the measure of
extract_test.c and t6000) for every page, then the mean per directory and
overall. Exits 1 when a page fails to extract.

With --noise, every UTF-8 page is first given furniture real pages carry
and the fixtures may not (the expected text is unchanged), to see whether
the extraction holds: "edges" (a trending bar and mega-menu text after
<body>; a recommended grid, an unclassed about-us box and a consent layer
before </body>), "side" (an unclassed column of text boxes after the
first outermost </article>, or after the first </main>), "inline" (a teaser box and
a newsletter box after the second </p>), "thread" (an unclassed reader
thread under a "4 Comments" heading where "side" goes), "all" of these;
or, each alone: "hashed" (every class attribute replaced by a hash, as
CSS-in-JS sites have), "deep" (every paragraph wrapped in two <div>s),
"ads" (an ad slot after every second paragraph), "wrap" (the page in two
wrappers classed like furniture: has-sidebar, widget-area), "divs"
(article, main, section, aside, header, footer, nav and figure made
<div>s) or "nohead" (no <h1>).
"""
import json
import os
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
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


EDGE_TOP = (
    '<div class="top-strip"><div class="trending-bar"><span>Trending:</span>'
    '<a href="/t1">Budget 2024</a><a href="/t2">Election latest</a>'
    '<a href="/t3">Transfer news</a></div><div class="mega"><ul><li>'
    '<a href="/news">News</a><div class="mega-panel"><p>All the latest news '
    'from across the region, updated throughout the day by our team of '
    'reporters.</p></div></li><li><a href="/sport">Sport</a>'
    '<div class="mega-panel"><p>Results, fixtures, match reports and '
    'analysis from every club in the county, from the Premier League to '
    'grassroots.</p></div></li></ul></div></div>')
EDGE_BOTTOM = (
    '<div class="recirc-grid"><h2 class="recirc-title">Recommended for you'
    '</h2><div class="tile"><a href="/r1"><img src="/r1.jpg" alt=""><h3>'
    'Mystery of the missing statue finally solved after forty years</h3>'
    '</a><p>The bronze figure, stolen from the park in 1984, was found in a '
    'barn by a farmer clearing out his late father\'s belongings.</p></div>'
    '<div class="tile"><a href="/r2"><img src="/r2.jpg" alt=""><h3>The best '
    'places to see bluebells this spring</h3></a><p>From ancient woodland '
    'to hidden valleys, these are the spots our readers recommend for a '
    'walk among the flowers.</p></div></div><div class="site-info-block">'
    '<h4>About us</h4><p>We have been reporting on the region for more than '
    '150 years. Our journalists live and work in the communities they '
    'cover, and we are proud to be an independent, locally owned news '
    'organisation.</p><p>Our journalism is funded by subscriptions and '
    'advertising. If you value what we do, please consider becoming a '
    'subscriber.</p></div><div class="consent-layer" role="dialog"><div '
    'class="consent-layer__text"><p>We and our partners use technologies '
    'such as cookies to store and access information on your device, and '
    'process personal data such as unique identifiers, for personalised '
    'ads and content, measurement, audience insights and product '
    'development.</p><p>You can accept or manage your choices by clicking '
    'below, including your right to object where legitimate interest is '
    'used, at any time on the privacy policy page.</p></div><button>Accept'
    '</button><button>Manage</button></div>')
SIDE = (
    '<div class="col-side"><div class="box"><h3>About this site</h3><p>We '
    'are a small, independent team of writers and editors who have covered '
    'this part of the country for years, and we answer every letter we '
    'get, even the angry ones, usually within a week or so.</p><p>Our work '
    'is paid for by readers, not advertisers, which means we can take the '
    'time to get things right, follow stories for months, and say what we '
    'think about the people in charge.</p></div><div class="box"><h3>'
    'Popular this week</h3><ul><li><a href="/p1">Ten walks for a winter '
    'weekend</a></li><li><a href="/p2">The best bakeries in town, ranked'
    '</a></li></ul></div></div>')
INLINE = (
    '<div class="inset"><div class="inset__label">Also on the site</div>'
    '<p class="inset__title"><a href="/also">How the new bus timetable '
    'will change your journey</a></p><p class="inset__text">Routes, times '
    'and fares are changing on Sunday, and some stops are moving.</p></div>'
    '<div class="inset inset--mail"><h4>Get our morning email</h4><p>The '
    'day\'s top stories in your inbox before breakfast, free.</p>'
    '<a href="/signup">Sign up</a></div>')
THREAD = (
    '<div class="discussion"><h3>4 Comments</h3>' + ''.join(
        '<div class="c-row"><div class="c-who">%s</div><div class="c-txt">'
        '<p>%s</p></div><a href="#r">Reply</a></div>' % c for c in (
            ('Ann', 'I have lived here for forty years and I have never '
             'seen anything like it. Somebody needs to take '
             'responsibility, and soon, before things get even worse.'),
            ('Bill R', 'Ann, I could not agree more. We wrote to the '
             'council twice last year and heard nothing back at all, not '
             'even an acknowledgement, which tells you everything.'),
            ('Cath', 'Good to see this covered properly for once. Most of '
             'the reporting I have read misses the point entirely and '
             'just repeats the press release word for word.'),
            ('D. Evans', 'Does anyone know whether there will be a public '
             'meeting about this? I would like to go and ask some '
             'questions myself, and I am sure I am not alone.'))) +
    '</div>')


def add_noise(page, profile):
    """The page with furniture of the given profile added."""
    def after(s, tag, n, what):
        i = -1
        for _ in range(n):
            i = s.find(tag, i + 1)
            if i < 0:
                return None
        return s[:i + len(tag)] + what + s[i + len(tag):]

    def side(s, what):
        # After the first outermost </article> (teasers nest inside
        # stories), else after </main>.
        depth = 0
        for m in re.finditer(r'<(/?)article\b[^>]*>', s):
            depth += -1 if m.group(1) else 1
            if m.group(1) and depth == 0:
                return s[:m.end()] + what + s[m.end():]
        return after(s, '</main>', 1, what) or s
    if profile in ('edges', 'all'):
        m = re.search(r'<body[^>]*>', page)
        if m and '</body>' in page:
            page = page[:m.end()] + EDGE_TOP + page[m.end():]
            i = page.rfind('</body>')
            page = page[:i] + EDGE_BOTTOM + page[i:]
    if profile in ('side', 'all'):
        page = side(page, SIDE)
    if profile in ('thread', 'all'):
        page = side(page, THREAD)
    if profile in ('inline', 'all'):
        page = after(page, '</p>', 2, INLINE) or page
    if profile == 'hashed':
        page = re.sub(r'\bclass\s*=\s*("[^"]*"|\'[^\']*\')',
                      lambda m: 'class="css-%s"' % hashlib.md5(
                          m.group(1).encode()).hexdigest()[:7], page)
    if profile == 'deep':
        page = re.sub(r'(<p\b[^>]*>.*?</p>)',
                      r'<div class="c1"><div class="c2">\1</div></div>',
                      page, flags=re.S)
    if profile == 'ads':
        n = [0]

        def ad(m):
            n[0] += 1
            if n[0] % 2:
                return m.group(0)
            return m.group(0) + (
                '<div class="slot-%d"><div>Advertisement</div><div id="gpt-'
                '%d"></div><span>Story continues below advertisement'
                '</span></div>' % (n[0], n[0]))
        page = re.sub(r'</p>', ad, page)
    if profile == 'wrap':
        m = re.search(r'<body[^>]*>', page)
        if m and '</body>' in page:
            page = (page[:m.end()] + '<div class="site-wrapper has-sidebar'
                    ' header-offset"><div id="main-content-wrap" class="l-'
                    'container widget-area">' + page[m.end():])
            i = page.rfind('</body>')
            page = page[:i] + '</div></div>' + page[i:]
    if profile == 'divs':
        page = re.sub(r'<(/?)(article|main|section|aside|header|footer|'
                      r'nav|figure|figcaption)\b', r'<\1div', page)
    if profile == 'nohead':
        page = re.sub(r'<h1\b[^>]*>.*?</h1>', '', page, flags=re.S)
    return page


def main():
    args = sys.argv[1:]
    noise = None
    if len(args) >= 2 and args[0] == '--noise':
        noise, args = args[1], args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    tidings, dirs = args[0], args[1:]
    tmp = tempfile.mkdtemp() if noise else None
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
            path = os.path.join(d, name)
            if noise:
                try:
                    page = open(path, encoding="utf-8").read()
                except UnicodeDecodeError:
                    continue
                path = os.path.join(tmp, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(add_noise(page, noise))
            run = subprocess.run(
                [tidings, "extract", "--url",
                 "https://news.example/2024/" + base, path],
                capture_output=True)
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
    if tmp:
        shutil.rmtree(tmp)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
