#!/usr/bin/env python3
"""bench/gen_corpus.py: the benchmark corpus, generated (deterministically).

Writes into OUTDIR (default bench/out/corpus):
  feeds/fNNNN.xml  1,000 feeds x 50 items, RSS 2.0 and Atom 1.0 mixed, with
                   HTML bodies of a few KB (links, images, lists, entities and
                   the odd script, inline style or tracking pixel to sanitise)
  feeds.lst        the 1,000 feed paths, one per line (absolute)
  feeds.opml       the same feeds as file:// URLs, for `tidings opml import`
  items.tsv        title TAB plain text of every item of the 1,000 feeds: the
                   input of ref_sqlite_insert (extracted here, untimed)
  big/big.xml      one RSS 2.0 feed of 50,000 items (~150+ MB) for peak memory
  .complete        written last; when present nothing is regenerated

Sentences are made from a word list written for this file; a fixed seed
makes every run byte-identical, so figures from different days compare.
"""
import os
import random
import sys
import time

SEED = 20240611
N_FEEDS = 1000
ITEMS_PER_FEED = 50
BIG_ITEMS = 50000
BASE_TIME = 1717000000  # items are dated back from here

WORDS = """
council budget harbour river station market winter summer bridge library
school hospital museum theatre garden railway airport village county city
mayor minister committee report study survey plan proposal vote election
energy water housing transport weather storm flood drought harvest farmers
workers teachers nurses students residents visitors engineers scientists
announced approved rejected delayed opened closed extended reviewed
published measured found expects warned agreed promised confirmed
new old local national regional public private annual early late quiet
busy cheaper faster larger smaller sudden gradual careful modest record
the a of to in on for with by from about after before during over under
and but or so because while although since until unless whether
year month week morning evening season decade quarter figures numbers
price cost rate share growth decline increase drop rise gap total
software network server database open source release version update patch
team project community volunteers members readers writers editors
telescope satellite laboratory experiment sample result method theory
coast island mountain valley forest desert lake bay harbour street avenue
""".split()

# Characters that make the HTML carry entities and the text carry Unicode.
SPICE = ["caf\u00e9", "na\u00efve", "\u2014", "\u2019s", "M\u00fcller",
         "\u00a3120", "\u20ac45", "R&D", "5 < 7", "AT&T", "\u201cquoted\u201d",
         "Z\u00fcrich", "\u00bd", "S\u00e3o Paulo", "\u2026"]

# How each special character is written in the HTML (a mix of named,
# decimal and hex references and raw UTF-8, as real feeds do).
ENTITY = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
    "\u2014": "&mdash;", "\u2019": "&#8217;", "\u201c": "&ldquo;",
    "\u201d": "&#x201D;", "\u00e9": "&eacute;", "\u00a3": "&pound;",
    "\u20ac": "&euro;", "\u2026": "&hellip;", "\u00bd": "&frac12;",
}


def html_text(s):
    """Plain text as HTML: specials as character references."""
    return "".join(ENTITY.get(c, c) for c in s)


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr_escape(s):
    return xml_escape(s).replace('"', "&quot;")


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def words(self, lo, hi):
        r = self.r
        n = r.randint(lo, hi)
        ws = [r.choice(WORDS) for _ in range(n)]
        if r.random() < 0.5:
            ws[r.randrange(n)] = r.choice(SPICE)
        return ws

    def sentence(self):
        ws = self.words(8, 18)
        ws[0] = ws[0].capitalize()
        return " ".join(ws) + "."

    def title(self):
        ws = self.words(4, 10)
        ws[0] = ws[0].capitalize()
        return " ".join(ws)

    def body(self, link_base):
        """(html, text) of an article body of a few KB."""
        r = self.r
        html, text = [], []
        n_par = r.randint(4, 8)
        for p in range(n_par):
            sents = [self.sentence() for _ in range(r.randint(3, 6))]
            parts = []
            for s in sents:
                text.append(s)
                h = html_text(s)
                roll = r.random()
                if roll < 0.25:
                    # a link around the sentence's first words
                    sp = h.split(" ", 3)
                    if len(sp) == 4:
                        h = '<a href="%s/%s">%s %s %s</a> %s' % (
                            link_base, r.choice(WORDS), sp[0], sp[1], sp[2],
                            sp[3])
                elif roll < 0.35:
                    sp = h.split(" ", 2)
                    if len(sp) == 3:
                        h = "<strong>%s %s</strong> %s" % (sp[0], sp[1], sp[2])
                elif roll < 0.42:
                    sp = h.split(" ", 2)
                    if len(sp) == 3:
                        h = "%s <em>%s</em> %s" % (sp[0], sp[1], sp[2])
                parts.append(h)
            if r.random() < 0.08:
                html.append('<p style="color:#333;font-size:15px" '
                            'onclick="track(%d)">%s</p>' % (p, " ".join(parts)))
            else:
                html.append("<p>%s</p>" % " ".join(parts))
            if p == 0 and r.random() < 0.7:
                html.append('<figure><img src="/img/%d.jpg" alt="%s" '
                            'width="640" height="360"><figcaption>%s'
                            '</figcaption></figure>' % (
                                r.randrange(10 ** 6), html_text(self.title()),
                                html_text(self.title())))
            if p == 1 and r.random() < 0.4:
                lis = []
                for _ in range(r.randint(3, 6)):
                    s = self.sentence()
                    text.append(s)
                    lis.append("<li>%s</li>" % html_text(s))
                html.append("<ul>%s</ul>" % "".join(lis))
            if p == 2 and r.random() < 0.15:
                html.append("<blockquote><p>%s</p></blockquote>" %
                            html_text(self.sentence()))
        roll = r.random()
        if roll < 0.05:
            html.append('<script>window.ads=window.ads||[];'
                        'ads.push({slot:"%d"});</script>' % r.randrange(999))
        elif roll < 0.08:
            html.append('<iframe src="https://video.example/embed/%d" '
                        'width="560" height="315"></iframe>' % r.randrange(999))
        elif roll < 0.12:
            html.append("<style>.promo{display:none}</style>")
        if r.random() < 0.3:
            html.append('<img src="https://pixel.example/t.gif?u=%d" '
                        'width="1" height="1" alt="">' % r.randrange(10 ** 9))
        return "\n".join(html), " ".join(text)


def rfc822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def rss_item(g, fid, i, t, out, tsv):
    r = g.r
    site = "https://site%d.example" % fid
    link = "%s/%d/%d/story-%d" % (site, 2024, 1 + i % 12, i)
    title = g.title()
    body, text = g.body(site)
    out.append("<item>\n<title>%s</title>\n<link>%s</link>\n"
               '<guid isPermaLink="false">tag:site%d.example,2024:%d</guid>\n'
               "<pubDate>%s</pubDate>\n" % (
                   xml_escape(title), link, fid, i, rfc822(t)))
    if r.random() < 0.6:
        out.append("<dc:creator>%s</dc:creator>\n" %
                   xml_escape(" ".join(g.words(2, 2)).title()))
    for _ in range(r.randint(0, 3)):
        out.append("<category>%s</category>\n" % r.choice(WORDS))
    if r.random() < 0.1:
        out.append('<enclosure url="%s/audio/%d.mp3" length="%d" '
                   'type="audio/mpeg"/>\n' % (site, i, r.randrange(10 ** 7)))
    if r.random() < 0.5:
        # summary in <description>, full body in content:encoded (CDATA)
        out.append("<description>%s</description>\n" %
                   xml_escape(html_text(g.sentence())))
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>\n" %
                   body)
    else:
        out.append("<description>%s</description>\n" % xml_escape(body))
    out.append("</item>\n")
    if tsv is not None:
        tsv.append("%s\t%s\n" % (title, text))


def atom_entry(g, fid, i, t, out, tsv):
    r = g.r
    site = "https://blog%d.example" % fid
    link = "%s/posts/%d" % (site, i)
    title = g.title()
    body, text = g.body(site)
    out.append("<entry>\n<title>%s</title>\n"
               '<link rel="alternate" type="text/html" href="%s"/>\n'
               "<id>urn:uuid:%08x-0000-4000-8000-%012x</id>\n"
               "<published>%s</published>\n<updated>%s</updated>\n" % (
                   xml_escape(title), link, fid, i, rfc3339(t),
                   rfc3339(t + 3600)))
    if r.random() < 0.7:
        out.append("<author><name>%s</name></author>\n" %
                   xml_escape(" ".join(g.words(2, 2)).title()))
    for _ in range(r.randint(0, 3)):
        out.append('<category term="%s"/>\n' % r.choice(WORDS))
    if r.random() < 0.05:
        out.append('<link rel="enclosure" type="audio/mpeg" length="%d" '
                   'href="%s/a/%d.mp3"/>\n' % (r.randrange(10 ** 7), site, i))
    if r.random() < 0.4:
        out.append('<summary type="text">%s</summary>\n' %
                   xml_escape(g.sentence()))
    if r.random() < 0.3:
        out.append('<content type="html"><![CDATA[%s]]></content>\n' % body)
    else:
        out.append('<content type="html">%s</content>\n' % xml_escape(body))
    out.append("</entry>\n")
    if tsv is not None:
        tsv.append("%s\t%s\n" % (title, text))


def rss_head(g, fid):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            "<title>%s</title>\n<link>https://site%d.example/</link>\n"
            "<description>%s</description>\n<language>en-gb</language>\n"
            '<atom:link href="https://site%d.example/feed.xml" rel="self" '
            'type="application/rss+xml"/>\n<ttl>60</ttl>\n' % (
                xml_escape(g.title()), fid, xml_escape(g.sentence()), fid))


def atom_head(g, fid, t):
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
            "<title>%s</title>\n<subtitle>%s</subtitle>\n"
            '<link rel="alternate" href="https://blog%d.example/"/>\n'
            '<link rel="self" href="https://blog%d.example/atom.xml"/>\n'
            "<id>https://blog%d.example/</id>\n<updated>%s</updated>\n" % (
                xml_escape(g.title()), xml_escape(g.sentence()), fid, fid,
                fid, rfc3339(t)))


def write_feed(g, fid, path, tsv):
    out = []
    atom = g.r.random() < 0.4
    t = BASE_TIME - fid * 7
    out.append(atom_head(g, fid, t) if atom else rss_head(g, fid))
    for i in range(ITEMS_PER_FEED):
        ti = t - i * 5400
        if atom:
            atom_entry(g, fid, i, ti, out, tsv)
        else:
            rss_item(g, fid, i, ti, out, tsv)
    out.append("</feed>\n" if atom else "</channel>\n</rss>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def write_big(g, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(rss_head(g, 99999))
        for i in range(BIG_ITEMS):
            out = []
            rss_item(g, 99999, i, BASE_TIME - i * 60, out, None)
            f.write("".join(out))
        f.write("</channel>\n</rss>\n")
    os.rename(tmp, path)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "out", "corpus")
    outdir = os.path.abspath(outdir)
    if os.path.exists(os.path.join(outdir, ".complete")):
        print("corpus: %s is already there" % outdir)
        return
    os.makedirs(os.path.join(outdir, "feeds"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "big"), exist_ok=True)
    start = time.time()
    g = Gen(SEED)
    tsv = []
    paths = []
    for fid in range(N_FEEDS):
        p = os.path.join(outdir, "feeds", "f%04d.xml" % fid)
        write_feed(g, fid, p, tsv)
        paths.append(p)
    with open(os.path.join(outdir, "items.tsv"), "w", encoding="utf-8") as f:
        f.write("".join(tsv))
    with open(os.path.join(outdir, "feeds.lst"), "w") as f:
        f.write("".join(p + "\n" for p in paths))
    with open(os.path.join(outdir, "feeds.opml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
                "<head><title>bench corpus</title></head>\n<body>\n"
                '<outline text="bench">\n')
        for fid, p in enumerate(paths):
            f.write('<outline type="rss" text="feed %d" xmlUrl="file://%s"/>\n'
                    % (fid, attr_escape(p)))
        f.write("</outline>\n</body>\n</opml>\n")
    print("corpus: 1,000 feeds in %.0f s" % (time.time() - start))
    write_big(Gen(SEED + 1), os.path.join(outdir, "big", "big.xml"))
    with open(os.path.join(outdir, ".complete"), "w") as f:
        f.write("seed %d\n" % SEED)
    print("corpus: written to %s in %.0f s" % (outdir, time.time() - start))


if __name__ == "__main__":
    main()
