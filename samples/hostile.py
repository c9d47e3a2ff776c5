# samples/hostile.py: the hostile sample feed (feeds/hostile.xml).
#
# A valid RSS 2.0 feed whose titles, descriptions, content, links, authors,
# categories and media URLs carry script-injection payloads. Every payload
# would call window.__xss(N) (N unique, 1..HIGHEST) if it ever ran, so a
# browser test can define window.__xss, load every page that shows these
# items and fail on any call. Nothing here should survive sanitizing as
# anything but inert text or a harmless tag.

import base64
from xml.sax.saxutils import escape

HIGHEST = 73

_B64 = base64.b64encode(b"<script>window.__xss(10)</script>").decode()

# (title as text, link, description html, content html, extra item xml)
ITEMS = [
    ("Council meeting moved <script>window.__xss(1)</script> to Thursday",
     "https://totally-normal.example/news/council",
     "<p>The meeting has moved.<script>window.__xss(2)</script></p>",
     "<p>Plain paragraph first.</p><script>window.__xss(3)</script>"
     "<SCRIPT SRC=//evil.example/x.js></SCRIPT><script type=\"text/javascript\">window.__xss(4)</script>",
     ""),
    ("Photo gallery: the storm <img src=x onerror=window.__xss(5)>",
     "https://totally-normal.example/news/gallery",
     "<img src=\"x\" onerror=\"window.__xss(6)\"> Pictures of the storm.",
     "<p>Pictures.</p><img src=\"../images/storm.svg\" onload=\"window.__xss(7)\" alt=\"storm\">"
     "<img src=x onerror=\"window['__x'+'ss'](8)\"><body onload=\"window.__xss(9)\">",
     ""),
    ("Read the full report",
     "javascript:window.__xss(11)",
     "<a href=\"data:text/html;base64,%s\">full report</a>" % _B64,
     "<p><a href=\"javascript:window.__xss(12)\">plain javascript: link</a></p>"
     "<p><a href=\"JaVaScRiPt:window.__xss(13)\">mixed case</a></p>"
     "<p><a href=\" javascript:window.__xss(14)\">leading space</a></p>"
     "<p><a href=\"vbscript:window.__xss(15)\">vbscript</a></p>"
     "<p><a href=\"data:text/html,&lt;script&gt;window.__xss(16)&lt;/script&gt;\">data URL</a></p>",
     ""),
    ("Entity-encoded links",
     "https://totally-normal.example/news/entities",
     "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss(17)\">decimal entities</a>",
     "<p><a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss(18)\">hex entities</a></p>"
     "<p><a href=\"jav&#x09;ascript:window.__xss(19)\">tab inside</a></p>"
     "<p><a href=\"jav&#x0A;ascript:window.__xss(20)\">newline inside</a></p>"
     "<p><a href=\"java\nscript:window.__xss(21)\">raw newline inside</a></p>"
     "<p><a href=\"&#0000106avascript:window.__xss(22)\">padded entity, no semicolon</a></p>"
     "<p><a href=\"javascript&colon;window.__xss(23)\">named colon</a></p>"
     "<p><a href=\"&#14;javascript:window.__xss(24)\">control char prefix</a></p>",
     ""),
    ("SVG tricks",
     "https://totally-normal.example/news/svg",
     "<svg onload=\"window.__xss(25)\"><circle r=\"5\"/></svg>",
     "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>window.__xss(26)</script></svg>"
     "<svg><a xlink:href=\"javascript:window.__xss(27)\"><text x=\"0\" y=\"20\">click</text></a></svg>"
     "<svg><animate onbegin=\"window.__xss(28)\" attributeName=\"x\" dur=\"1s\"/></svg>"
     "<svg><set attributeName=\"onmouseover\" to=\"window.__xss(29)\"/></svg>"
     "<svg><foreignObject><img src=x onerror=\"window.__xss(30)\"></foreignObject></svg>"
     "<svg><use href=\"data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='x' onerror='window.__xss(31)'/&gt;&lt;/svg&gt;#x\"/></svg>",
     ""),
    ("MathML and namespace confusion",
     "https://totally-normal.example/news/mathml",
     "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss(32)\"></style></mglyph></table></mtext></math>",
     "<math href=\"javascript:window.__xss(33)\"><mi>x</mi></math>"
     "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:window.__xss(34)\">click</maction></math>"
     "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=\"window.__xss(35)\">"
     "<svg></p><style><a id=\"</style><img src=x onerror=window.__xss(36)>\">",
     ""),
    ("Styles that run code",
     "https://totally-normal.example/news/css",
     "<div style=\"background:url(javascript:window.__xss(37))\">styled</div>",
     "<p style=\"width: expression(window.__xss(38))\">IE expression</p>"
     "<p style=\"width: exp/**/ression(window.__xss(39))\">commented expression</p>"
     "<style>@import 'javascript:window.__xss(40)';</style>"
     "<style>body{background:url(\"javascript:window.__xss(41)\")}</style>"
     "<div style=\"behavior: url(evil.htc); -moz-binding: url(evil.xml#xss)\" data-n=\"42\">bindings (42)</div>"
     "<link rel=\"stylesheet\" href=\"javascript:window.__xss(43)\">"
     "<p style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;background:#fff\">overlay (not code, but must not survive)</p>",
     ""),
    ("Frames, forms, base and refresh",
     "https://totally-normal.example/news/frames",
     "<iframe src=\"javascript:window.__xss(44)\"></iframe>",
     "<iframe srcdoc=\"&lt;script&gt;window.__xss(45)&lt;/script&gt;\"></iframe>"
     "<iframe src=\"data:text/html,&lt;script&gt;window.__xss(46)&lt;/script&gt;\"></iframe>"
     "<form action=\"javascript:window.__xss(47)\"><input name=\"q\"><button>Search</button></form>"
     "<form><button formaction=\"javascript:window.__xss(48)\">Go</button></form>"
     "<base href=\"javascript:window.__xss(49)//\">"
     "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss(50)\">"
     "<object data=\"javascript:window.__xss(51)\"></object>"
     "<embed src=\"data:text/html;base64,%s\">" % _B64
     + "<a href=\"https://totally-normal.example/\" target=\"_blank\">new tab without rel=noopener</a>",
     ""),
    ("Broken markup <scr<script>ipt>window.__xss(52)</scr</script>ipt>",
     "https://totally-normal.example/news/broken",
     "<scr<script>ipt>window.__xss(53)</scr</script>ipt>",
     "<<img src=x onerror=window.__xss(54)>"
     "<!--<img src=\"--><img src=x onerror=window.__xss(55)//\">"
     "<noscript><p title=\"</noscript><img src=x onerror=window.__xss(56)>\"></noscript>"
     "<p>unclosed <b>bold <i>italic</p><div><table><tr><td>cell<td>"
     "<details open ontoggle=\"window.__xss(57)\"><summary>x</summary></details>"
     "<input autofocus onfocus=\"window.__xss(58)\">"
     "<video><source onerror=\"window.__xss(59)\"></video>"
     "<a href=\"#\" onclick=\"window.__xss(60)\" onmouseover=\"window.__xss(61)\">hover me</a>"
     "<template><script>window.__xss(62)</script></template>"
     "<textarea></textarea><script>window.__xss(63)</script>"
     "<img src=x onerror=window.__xss(64)//",
     ""),
    ("Double-escaped &lt;img src=x onerror=window.__xss(65)&gt; in a title",
     "https://totally-normal.example/news/double",
     "&lt;script&gt;window.__xss(66)&lt;/script&gt; double-escaped in the description",
     "<p>&lt;img src=x onerror=window.__xss(67)&gt; shown as text, must stay text</p>"
     "<p>&amp;lt;script&amp;gt;window.__xss(68)&amp;lt;/script&amp;gt; triple-escaped</p>",
     "    <dc:creator>&lt;img src=x onerror=window.__xss(69)&gt; Mallory</dc:creator>\n"
     "    <category>&lt;script&gt;window.__xss(70)&lt;/script&gt;</category>\n"),
    ("Poisoned media",
     "data:text/html,<script>window.__xss(71)</script>",
     "An image and an enclosure with hostile URLs.",
     "<p>The end of this content section is split across CDATA: ]]> is data, not markup.</p>",
     "    <media:thumbnail url=\"javascript:window.__xss(72)\"/>\n"
     "    <enclosure url=\"javascript:window.__xss(73)\" length=\"1\" type=\"image/png\"/>\n"),
]


def _cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def feed():
    days = ["Fri, 20 Nov 2026", "Sat, 21 Nov 2026", "Sun, 22 Nov 2026", "Mon, 23 Nov 2026",
            "Tue, 24 Nov 2026", "Wed, 25 Nov 2026", "Thu, 26 Nov 2026", "Fri, 27 Nov 2026"]
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
         ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
         "<channel>",
         "  <title>%s</title>" % escape("Totally Normal News <script>window.__xss(0)</script>"),
         "  <link>javascript:window.__xss(0)</link>",
         "  <description>%s</description>" % escape("<img src=x onerror=window.__xss(0)> A feed that tries everything."),
         "  <language>en</language>",
         "  <image><url>javascript:window.__xss(0)</url><title>logo</title><link>https://totally-normal.example/</link></image>"]
    for i, (title, link, desc, content, extra) in enumerate(ITEMS):
        o.append("  <item>")
        o.append("    <title>%s</title>" % escape(title))
        o.append("    <link>%s</link>" % escape(link))
        o.append('    <guid isPermaLink="false">hostile-%d</guid>' % (i + 1))
        o.append("    <pubDate>%s %02d:%02d:00 +0000</pubDate>" % (days[i % 8], 9 + i, (i * 7) % 60))
        o.append("    <description>%s</description>" % escape(desc))
        o.append("    <content:encoded>%s</content:encoded>" % _cdata(content))
        if extra:
            o.append(extra.rstrip("\n"))
        o.append("  </item>")
    o += ["</channel>", "</rss>", ""]
    return "\n".join(o)
