#!/usr/bin/env python3
"""samples/generate.py: write the bundled demo feeds of tidings.

The demo site ingests the files this script writes (samples/feeds/*,
samples/images/*) through file:// sources. All text comes from the
hand-written banks next to this script (bank_events.py, bank_other.py,
hostile.py); the daily columns are filled from those banks with a fixed
random seed, and every date is fixed, so running the script twice gives
byte-identical output. Standard library only.

Usage: python3 samples/generate.py        (writes next to itself)
       python3 samples/generate.py --check (regenerate into a temp dir and
                                            compare with what is committed)
"""

import datetime as dt
import email.utils
import json
import os
import random
import re
import struct
import sys
import tempfile
import zlib
from xml.sax.saxutils import escape, quoteattr

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bank_events  # noqa: E402
import bank_other  # noqa: E402
import hostile  # noqa: E402
import images  # noqa: E402

SEED = 20261120
LOCAL = dt.timezone(dt.timedelta(hours=1))      # the sample world's clock
YEAR, MONTH = 2026, 11
DAYS = range(20, 28)

# key: (title, home, feed file, format, zone of the dates, language, group)
PUBLISHERS = {
    "herald": ("The Northbay Herald", "https://northbay-herald.example/",
               "northbay-herald.rss.xml", "rss2", 1, "en", "Local"),
    "wire": ("Meridian Wire", "https://meridian-wire.example/",
             "meridian-wire.atom.xml", "atom", 0, "en", "World"),
    "review": ("Coastline Business Review", "https://coastline-review.example/",
               "coastline-review.rdf.xml", "rdf", -5, "en", "Business"),
    "radio": ("Harborlight Radio News", "https://harborlight.example/",
              "harborlight-radio.rss.xml", "rss2", 0, "en", "Local"),
    "pulse": ("Civic Pulse Northbay", "https://civicpulse.example/",
              "civic-pulse.json", "jsonfeed", 1, "en", "Local"),
    "courrier": ("Le Courrier de la Baie", "https://courrier-baie.example/",
                 "courrier-de-la-baie.rss.xml", "rss2", 1, "fr", "Other languages"),
    "rundschau": ("Nordküsten-Rundschau", "https://nordkuesten-rundschau.example/",
                  "nordkuesten-rundschau.atom.xml", "atom", 1, "de", "Other languages"),
    "sada": ("صدى الساحل", "https://sada-alsahil.example/",
             "sada-alsahil.rss.xml", "rss2", 3, "ar", "Other languages"),
}
DESCRIPTIONS = {
    "herald": "News from Northbay, the Esk Valley and Greyhaven Island.",
    "wire": "Independent national news agency.",
    "review": "Business news for the northern coast, in one sentence a story.",
    "radio": "News, traffic and sport from Harborlight Radio.",
    "pulse": "A small, useful newsletter about living in Northbay.",
    "courrier": "L'actualité de Northbay et de la province de Calder, en français.",
    "rundschau": "Nachrichten von der Nordküste.",
    "sada": "أخبار نورثباي ومقاطعة كالدر باللغة العربية.",
}


class Article:
    def __init__(self, pub, day, hhmm, author, title, paras, tags, image, event=None):
        self.pub, self.author, self.title = pub, author, title
        self.paras, self.tags, self.image, self.event = paras, list(tags), image, event
        h, m = (int(x) for x in hhmm.split(":"))
        # bank times are Northbay clock times, except for the business
        # review, whose desk writes in its own zone
        zone = dt.timezone(dt.timedelta(hours=PUBLISHERS[pub][4])) if pub == "review" else LOCAL
        self.when = dt.datetime(YEAR, MONTH, day, h, m, tzinfo=zone)
        self.dated = True          # False: the feed carries no date for it
        self.relative_link = False  # True: the feed gives only a path
        self.slug = slugify(title)

    def stamp(self):
        return self.when.astimezone(dt.timezone(dt.timedelta(hours=PUBLISHERS[self.pub][4])))

    def link(self):
        path = "%04d/%02d/%02d/%s" % (YEAR, MONTH, self.when.day, self.slug)
        if self.pub == "radio":
            path = "news/" + self.slug
        if self.pub == "pulse":
            path = "posts/" + self.slug
        if self.pub == "sada":   # non-Latin titles: the CMS uses numbers
            path = "news/%d" % (10000 + zlib.crc32(self.title.encode()) % 90000)
        if self.relative_link:
            return "/" + path
        return PUBLISHERS[self.pub][1] + path


def slugify(s):
    s = s.lower()
    s = re.sub(r"&[a-z]+;|&#\d+;", "", s)
    s = re.sub(r"[^\w]+", "-", s, flags=re.UNICODE).strip("-")
    if not re.search(r"[a-z0-9]", s):
        s = "item"
    return s[:80]


# ---------------------------------------------------------------- content

def build_articles():
    rng = random.Random(SEED)
    arts = []
    for ev in bank_events.EVENTS:
        for pub, (day, hhmm, author, title, paras) in ev["v"].items():
            tags = ev["tags"]
            lang = PUBLISHERS[pub][5]
            if lang != "en":
                tr = bank_other.TAGS_L10N[lang]
                tags = [tr.get(t, t) for t in tags if lang != "ar" or t in tr]
            a = Article(pub, day, hhmm, author, title, paras, tags, ev["image"], ev["key"])
            arts.append(a)
    for (pub, day, hhmm, author, title, tags, image, paras) in bank_other.STANDALONE:
        arts.append(Article(pub, day, hhmm, author, title, paras, tags, image))
    arts += weather(rng) + police_log(rng) + sport(rng) + markets(rng)
    arts += results(rng) + traffic(rng) + port(rng) + listings(rng) + bulletins(arts)
    arts.sort(key=lambda a: (a.pub, a.when, a.title))
    seen = set()
    for a in arts:   # weekly columns repeat titles: keep links and ids unique
        if (a.pub, a.slug) in seen:
            a.slug += "-%d-%02d-%02d" % (YEAR, MONTH, a.when.day)
        seen.add((a.pub, a.slug))
    apply_quirks(arts)
    return arts


WEEKDAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def weekday(day):
    return WEEKDAY[dt.date(YEAR, MONTH, day).weekday()]


def weather(rng):
    sky = {20: 6, 21: 1, 22: 2, 23: 3, 24: 4, 25: 5, 26: 0, 27: 7}
    out = []
    for day in DAYS:
        s = bank_other.WEATHER_SKY[sky[day]]
        hi = {21: 9, 25: 7, 27: 3}.get(day, rng.randint(4, 8))
        lo = hi - rng.randint(3, 7)
        rise = (dt.datetime(YEAR, MONTH, day, 7, 52) + dt.timedelta(minutes=2 * (day - 20))).strftime("%H:%M")
        paras = [
            "%s Highs of %d C, lows of %d C overnight." % (s, hi, lo),
            "Sunrise %s, sunset 16:%02d. High tide at Northbay at %d:%02d and %d:%02d." % (
                rise, 31 - (day - 20), (day * 5) % 12, (day * 7) % 60, (day * 5) % 12 + 12, (day * 11) % 60),
            rng.choice(bank_other.WEATHER_ADVICE),
        ]
        title = "Weather for %s, Nov %d: %s" % (weekday(day), day, s.split(";")[0].split(",")[0].rstrip("."))
        out.append(Article("herald", day, "05:45", "Herald Weather Desk", title, paras,
                           ["weather", "Forecast"], "storm.svg" if day == 21 else None))
        # the radio reads the same forecast in its own words
        radio = ["Today: %s" % s[0].lower() + s[1:],
                 "Top temperature %d degrees, dropping to %d tonight." % (hi, lo)]
        out.append(Article("radio", day, "06:30", "Harborlight Weather", "Weather and tides, %s" % weekday(day),
                           radio, ["Weather"], None))
    return out


def police_log(rng):
    out = []
    for day in DAYS:
        items = rng.sample(bank_other.POLICE_LOG, rng.randint(3, 4))
        paras = ["The following incidents were reported to Northbay police in the 24 hours to 7 a.m. on %s." % weekday(day)]
        paras += items
        out.append(Article("herald", day, "07:30", "Herald Staff", "Police log, %s Nov %d" % (weekday(day), day),
                           paras, ["crime", "police log"], None))
    return out


def sport(rng):
    out = []
    for day in (21, 22, 25, 27):
        paras = []
        for sportname, teams, lo, hi in bank_other.SPORT_RESULTS:
            a, b = rng.sample(teams, 2)
            sa, sb = rng.randint(lo, hi), rng.randint(lo, hi)
            if sa == sb and sportname == "Basketball":
                sa += 3
            paras.append("%s: %s %d, %s %d." % (sportname, a, sa, b, sb))
        out.append(Article("herald", day, "22:45", "Ellis Boateng",
                           "Results round-up, %s" % weekday(day), paras, ["Sport", "results"], None))
    return out


def markets(rng):
    out = []
    level = 2418.6
    for day in DAYS:
        if weekday(day) in ("Saturday", "Sunday"):
            continue
        change = rng.uniform(-1.4, 1.2)
        if day == 24:
            change = 0.9   # the strike deal
        level = round(level * (1 + change / 100), 1)
        movers = rng.sample([c for c, _ in bank_other.COMPANIES], 2)
        verb = "rose" if change >= 0 else "fell"
        paras = [
            "OSTERMERE, Nov %d (Meridian Wire) - The OSX all-share index %s %.1f percent to %s on %s. Turnover was %d million euros." % (
                day, verb, abs(change), format(level, ",.1f"), weekday(day), rng.randint(380, 720)),
            "Among the biggest movers, %s gained %.1f percent and %s lost %.1f percent." % (
                movers[0], rng.uniform(1, 6), movers[1], rng.uniform(1, 5)),
        ]
        title = "Ostermere stocks %s %.1f%%, OSX at %s" % ("up" if change >= 0 else "down", abs(change), format(level, ",.1f"))
        out.append(Article("wire", day, "17:40", "Meridian Wire markets desk", title, paras,
                           ["markets", "stocks", "OSX"], "market.svg"))
    return out


def results(rng):
    out = []
    slots = [d for d in DAYS if weekday(d) not in ("Saturday", "Sunday")]
    for i, (co, sector) in enumerate(bank_other.COMPANIES):
        day = slots[i % len(slots)]
        angle = bank_other.RESULT_ANGLES[i % len(bank_other.RESULT_ANGLES)]
        driver2 = rng.choice(bank_other.DRIVERS2)
        if "steel" in driver2 and sector not in ("engineering", "construction", "logistics", "ports"):
            driver2 = bank_other.DRIVERS2[1]
        text = angle.format(co=co, poss=co + ("'" if co.endswith("s") else "'s"),
                            rev=rng.randint(40, 900), pct=rng.randint(2, 19),
                            prof=rng.randint(3, 80), driver=rng.choice(bank_other.DRIVERS),
                            driver2=driver2)
        title = "%s results: %s" % (co, ["a beat", "a miss", "outlook raised", "dividend held"][i % 4])
        hhmm = "%02d:%02d" % (rng.randint(5, 9), rng.choice((0, 15, 30, 45)))
        out.append(Article("review", day, hhmm, "Coastline Business Review", title, [text],
                           ["Earnings", sector, co], None))
    return out


TRAFFIC_WINDOW = {  # which traffic lines are true on which days
    0: (20.6, 28), 1: (20.6, 28), 2: (26, 26.9), 3: (20, 28), 4: (21, 21.9),
    5: (23, 24.9), 6: (20, 28), 7: (24, 28), 8: (22, 28), 9: (24, 28), 10: (27, 28),
}


def traffic(rng):
    out = []
    for day in DAYS:
        for hhmm, label in (("07:10", "morning"), ("16:40", "evening")):
            t = day + (0.3 if label == "morning" else 0.7)
            pool = [s for i, s in enumerate(bank_other.TRAFFIC)
                    if TRAFFIC_WINDOW[i][0] <= t <= TRAFFIC_WINDOW[i][1]]
            lines = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
            out.append(Article("radio", day, hhmm, "Harborlight Travel",
                               "Traffic and travel, %s %s" % (weekday(day), label), lines,
                               ["traffic", "Travel"], None))
    return out


def port(rng):
    out = []
    for day in DAYS:
        if day in (20, 21, 22, 23):
            lines = ["No ships are being worked at the Eastern Quay because of the dockworkers' strike. %d vessels are waiting at anchor." % (31 + (day - 20) * 8)]
        else:
            ships = rng.sample(bank_other.SHIP_NAMES, 3)
            lines = ["Expected at the Eastern Quay today: %s, %s and %s." % tuple(ships)]
        lines.append(rng.choice(bank_other.PORT_NOTICES))
        out.append(Article("radio", day, "06:20", "Harborlight Newsroom",
                           "Port notices for %s" % weekday(day), lines, ["Port of Northbay", "shipping"], None))
    return out


def listings(rng):
    out = []
    for day in DAYS:
        items = rng.sample(bank_other.LISTINGS, 3)
        paras = ["Things to do in Northbay on %s, Nov %d:" % (weekday(day), day)] + items
        out.append(Article("pulse", day, "07:00", "Civic Pulse", "What's on: %s" % weekday(day),
                           paras, ["events", "what's on"], None))
    return out


def bulletins(arts):
    """Harborlight's evening bulletin: several stories in one item."""
    out = []
    for day in DAYS:
        heads = [a.title for a in arts if a.pub == "herald" and a.event and a.when.day == day][:4]
        if not heads:
            continue
        paras = ["Here are the main stories this evening."] + ["%s." % h.rstrip(".") for h in heads]
        out.append(Article("radio", day, "18:00", "Harborlight Newsroom",
                           "The six o'clock bulletin, %s" % weekday(day), paras, ["news", "bulletin"], None))
    return out


def apply_quirks(arts):
    """The deliberate mess the README lists; each rule picks fixed items."""
    by = {}
    for a in arts:
        by.setdefault(a.pub, []).append(a)
    # items without a date
    for a in by["radio"][5:30:12] + by["pulse"][3:20:9] + by["courrier"][2:3]:
        a.dated = False
    # items with only a relative link
    for a in by["radio"][8:40:11] + by["pulse"][6:30:10]:
        a.relative_link = True


# ---------------------------------------------------------------- output helpers

def rfc822(a, zone_name=None):
    s = email.utils.format_datetime(a.stamp())
    if zone_name:
        s = s[:-5] + zone_name
    return s


def rfc3339(a):
    s = a.stamp().isoformat()
    return s.replace("+00:00", "Z") if PUBLISHERS[a.pub][4] == 0 else s


def html_body(a, img=True, attr=""):
    parts = []
    if img and a.image:
        parts.append('<figure><img src="../images/%s" alt="" width="320" height="180"></figure>' % a.image)
    for p in a.paras:
        if p.startswith('"') and a.pub == "herald" and len(parts) % 3 == 2:
            parts.append("<blockquote><p>%s</p></blockquote>" % escape(p))
        else:
            parts.append("<p%s>%s</p>" % (attr, escape(p)))
    return "\n".join(parts)


def first_sentence(text):
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def image_type(name):
    return "image/svg+xml" if name.endswith(".svg") else "image/png"


def image_len(name):
    return os.path.getsize(os.path.join(OUT, "images", name))


# Titles whose feed text keeps an HTML entity after XML parsing: the
# double-escaping real CMSes emit. Applied to the radio feed.
def radio_title(a, i):
    t = escape(a.title)
    if "'" in a.title and i % 2 == 0:
        return t.replace("'", "&amp;#8217;")
    if " - " in a.title:
        return t.replace(" - ", " &amp;ndash; ")
    if ": " in a.title and i % 5 == 0:
        return t.replace(": ", "&amp;nbsp;: ", 1)
    return t


# ---------------------------------------------------------------- writers

def write_rss2(pub, items):
    title, home, fname, _, zone, lang, _ = PUBLISHERS[pub]
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         # RSS resolves relative URLs against the channel <link> (the
         # publisher's site), but the images sit beside the feed file:
         # xml:base on the root points relative references at the feed's
         # own URL, and the few relative item links name the site as
         # their base themselves (see write_rss2's items).
         '<rss version="2.0" xml:base="./" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
         ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"'
         ' xmlns:atom="http://www.w3.org/2005/Atom">',
         "<channel>",
         "  <title>%s</title>" % escape(title),
         "  <link>%s</link>" % home,
         '  <atom:link href="%sfeed.xml" rel="self" type="application/rss+xml"/>' % home,
         "  <description>%s</description>" % escape(DESCRIPTIONS[pub]),
         "  <language>%s</language>" % lang,
         "  <generator>%s</generator>" % {"herald": "Inkwell CMS 4.2", "radio": "OnAir Publisher",
                                          "courrier": "WordPress 6.x", "sada": "Sada CMS"}[pub]]
    dated = [a for a in items if a.dated]
    if dated:
        last = max(dated, key=lambda a: a.when)
        o.append("  <lastBuildDate>%s</lastBuildDate>" % rfc822(last))
    if pub in ("herald", "radio"):
        logo = "%s-logo.png" % pub
        o += ["  <image>", "    <url>../images/%s</url>" % logo, "    <title>%s</title>" % escape(title),
              "    <link>%s</link>" % home, "  </image>"]
    for i, a in enumerate(sorted(items, key=lambda a: a.when, reverse=True)):
        o.append("  <item>")
        if pub == "radio":
            o.append("    <title>%s</title>" % radio_title(a, i))
        else:
            o.append("    <title>%s</title>" % escape(a.title))
        site_base = ' xml:base="%s"' % home if a.relative_link else ""
        o.append("    <link%s>%s</link>" % (site_base, escape(a.link())))
        if pub == "herald" and i % 4 == 1:
            o.append('    <guid isPermaLink="false">herald-%d-%s</guid>' % (a.when.day, a.slug[:24]))
        else:
            o.append("    <guid%s>%s</guid>" % (site_base, escape(a.link())))
        if a.dated:
            zone_name = None
            if pub == "radio":
                zone_name = "GMT" if i % 9 else None
                if i % 13 == 4:   # a named zone outside RFC 822
                    zone_name = None
                    o.append("    <pubDate>%s</pubDate>" % (
                        email.utils.format_datetime(a.when)[:-5] + "CET"))
                    zone_name = "skip"
            if pub == "courrier" and i == 3:   # a localized date, as some CMSes emit
                o.append("    <pubDate>%s</pubDate>" % french_date(a))
            elif zone_name != "skip":
                o.append("    <pubDate>%s</pubDate>" % rfc822(a, zone_name))
        if pub == "radio":
            o.append("    <author>newsroom@harborlight.example (%s)</author>" % escape(a.author))
        else:
            o.append("    <dc:creator>%s</dc:creator>" % escape(a.author))
        o += rss2_categories(pub, a, i)
        if pub == "radio":
            # description only, markup entity-escaped, no content:encoded
            o.append("    <description>%s</description>" % escape(html_body(a, img=False)))
        else:
            o.append("    <description>%s</description>" % escape(first_sentence(a.paras[0])))
            attr = ' dir="rtl"' if lang == "ar" and i % 2 == 0 else ""
            o.append("    <content:encoded>%s</content:encoded>" % cdata(html_body(a, attr=attr)))
        if a.image and pub in ("herald", "radio", "courrier", "rundschau"):
            o.append('    <media:thumbnail url="../images/%s" width="320" height="180"/>' % a.image)
            o.append('    <enclosure url="../images/%s" length="%d" type="%s"/>' % (
                a.image, image_len(a.image), image_type(a.image)))
        o.append("  </item>")
    o += ["</channel>", "</rss>", ""]
    return "\n".join(o)


FR_DAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]


def french_date(a):
    s = a.stamp()
    return "%s %d nov. %d %02d:%02d:00 +0100" % (FR_DAYS[s.weekday()], s.day, s.year, s.hour, s.minute)


def rss2_categories(pub, a, i):
    tags = a.tags
    if pub == "radio":
        tags = [t.upper() if (i + k) % 3 == 0 else t for k, t in enumerate(tags)]
    if pub == "herald" and (a.event == "strike" or i % 3 == 0):
        # a scraper-made category: the tags glued together
        return ["    <category>%s</category>" % escape("".join(tags))]
    out = []
    for t in tags:
        if pub == "herald" and i % 5 == 2:
            out.append('    <category domain="%stopics">%s</category>' % (PUBLISHERS[pub][1], escape(t)))
        else:
            out.append("    <category>%s</category>" % escape(t))
    return out


def atom_term(t):
    return re.sub(r"[^\w]+", "-", t.lower(), flags=re.UNICODE).strip("-")


def write_atom(pub, items):
    title, home, fname, _, zone, lang, _ = PUBLISHERS[pub]
    items = sorted(items, key=lambda a: a.when, reverse=True)
    o = ['<?xml version="1.0" encoding="utf-8"?>',
         '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">' % lang,
         "  <title>%s</title>" % escape(title),
         "  <subtitle>%s</subtitle>" % escape(DESCRIPTIONS[pub]),
         '  <link rel="alternate" type="text/html" href="%s"/>' % home,
         '  <link rel="self" href="%sfeed.atom"/>' % home,
         "  <id>tag:%s,2026:feed</id>" % home.split("/")[2],
         "  <updated>%s</updated>" % rfc3339(items[0]),
         "  <author><name>%s</name></author>" % escape(title),
         '  <icon>../images/%s</icon>' % "coast.svg"]
    for i, a in enumerate(items):
        o.append("  <entry>")
        if pub == "wire" and "&" in a.title:
            o.append('    <title type="html">%s</title>' % escape(escape(a.title)))
        else:
            o.append("    <title>%s</title>" % escape(a.title))
        o.append('    <link rel="alternate" type="text/html" href=%s/>' % quoteattr(a.link()))
        if a.image and pub == "wire":
            o.append('    <link rel="enclosure" type="%s" length="%d" href="../images/%s"/>' % (
                image_type(a.image), image_len(a.image), a.image))
        o.append("    <id>tag:%s,2026:%s</id>" % (home.split("/")[2], a.slug))
        o.append("    <published>%s</published>" % rfc3339(a))
        o.append("    <updated>%s</updated>" % rfc3339(a))
        o.append("    <author><name>%s</name></author>" % escape(a.author))
        for t in a.tags:
            o.append("    <category term=%s label=%s/>" % (quoteattr(atom_term(t)), quoteattr(t)))
        o.append("    <summary>%s</summary>" % escape(first_sentence(a.paras[0])))
        paras = list(a.paras)
        if pub == "wire" and a.event is not None or (pub == "wire" and "markets" not in a.tags and i % 2 == 0):
            paras += bank_other.WIRE_BACKGROUND
        a2 = Article.__new__(Article)
        a2.__dict__.update(a.__dict__)
        a2.paras = paras
        if i % 4 == 3:
            body = html_body(a2)
            # xhtml content: the markup is part of the XML tree
            body = body.replace('alt="" width="320" height="180">', 'alt="" width="320" height="180"/>')
            o.append('    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s</div></content>' % body)
        else:
            o.append('    <content type="html">%s</content>' % escape(html_body(a2)))
        o.append("  </entry>")
    o += ["</feed>", ""]
    return "\n".join(o)


def write_rdf(pub, items):
    title, home, fname, _, zone, lang, _ = PUBLISHERS[pub]
    items = sorted(items, key=lambda a: a.when, reverse=True)
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
         ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
         '  <channel rdf:about="%sfeed.rdf">' % home,
         "    <title>%s</title>" % escape(title),
         "    <link>%s</link>" % home,
         "    <description>%s</description>" % escape(DESCRIPTIONS[pub]),
         "    <dc:language>%s</dc:language>" % lang,
         "    <dc:date>%s</dc:date>" % rfc3339(items[0]),
         "    <items>", "      <rdf:Seq>"]
    for a in items:
        o.append('        <rdf:li rdf:resource=%s/>' % quoteattr(a.link()))
    o += ["      </rdf:Seq>", "    </items>", "  </channel>"]
    for i, a in enumerate(items):
        o.append('  <item rdf:about=%s>' % quoteattr(a.link()))
        t = escape(a.title)
        if "'" in a.title:
            t = t.replace("'", "&#8217;")
        if i % 10 == 6 and ":" in a.title:
            t = t.replace(":", " &amp;mdash;", 1)
        o.append("    <title>%s</title>" % t)
        o.append("    <link>%s</link>" % escape(a.link()))
        o.append("    <description>%s</description>" % escape(a.paras[0]))
        o.append("    <dc:creator>%s</dc:creator>" % escape(a.author))
        for t in a.tags:
            o.append("    <dc:subject>%s</dc:subject>" % escape(t.title() if i % 2 else t))
        o.append("    <dc:date>%s</dc:date>" % rfc3339(a))
        o.append("  </item>")
    o += ["</rdf:RDF>", ""]
    return "\n".join(o)


def write_jsonfeed(pub, items):
    title, home, fname, _, zone, lang, _ = PUBLISHERS[pub]
    items = sorted(items, key=lambda a: a.when, reverse=True)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": home,
        "feed_url": home + "feed.json",
        "description": DESCRIPTIONS[pub],
        "icon": "../images/pulse-logo.png",
        "language": lang,
        "authors": [{"name": "Civic Pulse", "url": home + "about"}],
        "items": [],
    }
    for i, a in enumerate(items):
        it = {"id": home + "posts/" + a.slug, "url": a.link(), "title": a.title}
        if " and " in a.title and i % 2 == 1:
            it["title"] = a.title.replace(" and ", " &amp; ", 1)  # an entity in plain text
        if i % 3 == 2:
            it["content_text"] = "\n\n".join(a.paras)
        else:
            it["content_html"] = html_body(a)
        it["summary"] = first_sentence(a.paras[0])
        if a.image:
            it["image"] = "../images/" + a.image
        if a.dated:
            it["date_published"] = rfc3339(a)
            if i % 7 == 1:
                it["date_modified"] = (a.stamp() + dt.timedelta(minutes=47)).isoformat()
        it["authors"] = [{"name": a.author}]
        it["tags"] = [t.lower() if i % 2 else t for t in a.tags]
        feed["items"].append(it)
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- images

def png(width, height, colors, bit_fn):
    """A two-colour palette PNG. The zlib stream uses stored (uncompressed)
    blocks, written by hand, so the bytes do not depend on the zlib build."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x0 in range(0, width, 8):
            byte = 0
            for x in range(x0, min(x0 + 8, width)):
                if bit_fn(x, y):
                    byte |= 0x80 >> (x - x0)
            raw.append(byte)
    z = bytearray(b"\x78\x01")
    for off in range(0, len(raw), 65535):
        block = raw[off:off + 65535]
        last = 1 if off + 65535 >= len(raw) else 0
        z += struct.pack("<BHH", last, len(block), len(block) ^ 0xFFFF) + block
    z += struct.pack(">I", zlib.adler32(bytes(raw)) & 0xFFFFFFFF)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 3, 0, 0, 0))
            + chunk(b"PLTE", bytes(colors[0]) + bytes(colors[1]))
            + chunk(b"IDAT", bytes(z)) + chunk(b"IEND", b""))


def logo(rgb, stripe):
    # a banded 88x31 badge: diagonal blocks above a solid footer stripe
    return png(88, 31, (rgb, stripe), lambda x, y: y > 22 or (x // 8 + y // 8) % 5 == 0)


def write_images():
    d = os.path.join(OUT, "images")
    os.makedirs(d, exist_ok=True)
    for name, svg in images.SVGS.items():
        put(os.path.join(d, name), svg.encode())
    put(os.path.join(d, "herald-logo.png"), logo((24, 44, 84), (200, 170, 90)))
    put(os.path.join(d, "radio-logo.png"), logo((170, 30, 40), (250, 240, 230)))
    put(os.path.join(d, "pulse-logo.png"), logo((20, 110, 90), (240, 240, 240)))


# ---------------------------------------------------------------- main

def put(path, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


OUT = HERE


def generate(out):
    global OUT
    OUT = out
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    write_images()
    arts = build_articles()
    writers = {"rss2": write_rss2, "atom": write_atom, "rdf": write_rdf, "jsonfeed": write_jsonfeed}
    counts = {}
    for pub, (title, home, fname, fmt, zone, lang, group) in PUBLISHERS.items():
        items = [a for a in arts if a.pub == pub]
        counts[pub] = len(items)
        put(os.path.join(out, "feeds", fname), writers[fmt](pub, items))
    put(os.path.join(out, "feeds", "hostile.xml"), hostile.feed())
    lines = ["# tidings demo sources: <path relative to samples/> <display group>",
             "# The first whitespace ends the path; the rest of the line is the group."]
    for pub, (title, home, fname, fmt, zone, lang, group) in PUBLISHERS.items():
        lines.append("feeds/%s %s" % (fname, group))
    lines.append("feeds/hostile.xml Test")
    put(os.path.join(out, "sources.txt"), "\n".join(lines) + "\n")
    # ground truth for story clustering: which items report the same event
    rows = ["# event<TAB>feed<TAB>link<TAB>title: items that report the same news event"]
    for a in sorted((a for a in arts if a.event), key=lambda a: (a.event, a.when, a.pub)):
        rows.append("\t".join((a.event, "feeds/" + PUBLISHERS[a.pub][2], a.link(), a.title)))
    put(os.path.join(out, "stories.tsv"), "\n".join(rows) + "\n")
    return counts


def main():
    if "--check" in sys.argv:
        tmp = tempfile.mkdtemp()
        generate(tmp)
        bad = []
        names = [os.path.join(sub, n) for sub in ("feeds", "images")
                 for n in sorted(os.listdir(os.path.join(tmp, sub)))]
        for rel in names + ["sources.txt", "stories.tsv"]:
            if True:
                a = open(os.path.join(tmp, rel), "rb").read()
                p = os.path.join(HERE, rel)
                if not os.path.exists(p) or open(p, "rb").read() != a:
                    bad.append(rel)
        if bad:
            print("out of date: " + ", ".join(bad))
            return 1
        print("samples are up to date")
        return 0
    counts = generate(HERE)
    for pub, n in counts.items():
        print("%-10s %3d items" % (pub, n))
    print("total      %3d items (+ hostile)" % sum(counts.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
