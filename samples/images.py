# samples/images.py: the small illustrations the sample feeds point at.
#
# Hand-drawn SVG, 320x180, a few shapes each, well under 5 KB. They are
# written to samples/images/ by generate.py and referenced from the feeds
# by relative URLs (../images/NAME).

def _svg(title, body, sky="#cfe3f0"):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180" role="img">\n'
            '<title>%s</title>\n<rect width="320" height="180" fill="%s"/>\n%s\n</svg>\n' % (title, sky, body))


_SEA = '<rect y="120" width="320" height="60" fill="#2f6f8f"/>'

SVGS = {
    "harbor.svg": _svg("Cranes on the quay", _SEA + """
<rect x="0" y="110" width="320" height="14" fill="#6b6b6b"/>
<g stroke="#d9822b" stroke-width="5" fill="none">
<path d="M60 110 V40 H130 M60 60 L90 40"/><path d="M190 110 V30 H270 M190 50 L220 30"/></g>
<rect x="95" y="88" width="40" height="22" fill="#b23a3a"/><rect x="140" y="88" width="40" height="22" fill="#3a6bb2"/>
<rect x="118" y="66" width="40" height="22" fill="#3a9b5c"/>
<path d="M210 128 h90 l-12 18 h-70 z" fill="#222"/>"""),
    "storm.svg": _svg("Storm clouds and rain", """
<ellipse cx="110" cy="60" rx="80" ry="34" fill="#5b6570"/><ellipse cx="200" cy="52" rx="90" ry="40" fill="#4a535c"/>
<g stroke="#7fa8c9" stroke-width="3">
<path d="M80 100 l-10 30 M110 100 l-10 30 M140 100 l-10 30 M170 100 l-10 30 M200 100 l-10 30 M230 100 l-10 30"/></g>
<path d="M182 88 l-16 32 h14 l-10 30 l30 -40 h-14 l12 -22 z" fill="#f2d03b"/>""", sky="#9aa4ad"),
    "bridge.svg": _svg("A steel bridge over a river", _SEA + """
<path d="M0 110 H320" stroke="#444" stroke-width="8"/>
<path d="M20 110 Q90 30 160 110 Q230 30 300 110" stroke="#8a3b2a" stroke-width="6" fill="none"/>
<g stroke="#8a3b2a" stroke-width="2"><path d="M55 110 V72 M90 110 V52 M125 110 V72 M195 110 V72 M230 110 V52 M265 110 V72"/></g>
<path d="M150 100 l6 10 l-4 4" stroke="#e0302a" stroke-width="3" fill="none"/>"""),
    "election.svg": _svg("A ballot box", """
<rect x="100" y="70" width="120" height="90" fill="#f4f4f4" stroke="#333" stroke-width="3"/>
<rect x="135" y="66" width="50" height="8" fill="#333"/>
<rect x="140" y="20" width="40" height="52" fill="#fff" stroke="#333" stroke-width="2" transform="rotate(-8 160 46)"/>
<path d="M148 42 l8 10 l16 -20" stroke="#2a7a3a" stroke-width="4" fill="none"/>
<text x="160" y="125" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#333">VOTE</text>""", sky="#e9e4d8"),
    "windfarm.svg": _svg("Wind turbines at sea", _SEA + """
<g stroke="#fafafa" stroke-width="3" fill="none">
<path d="M80 125 V50 M80 50 L80 20 M80 50 L54 65 M80 50 L106 65"/>
<path d="M170 125 V60 M170 60 L170 32 M170 60 L146 74 M170 60 L194 74"/>
<path d="M255 125 V70 M255 70 L255 46 M255 70 L234 82 M255 70 L276 82"/></g>"""),
    "hospital.svg": _svg("A hospital building", """
<rect x="70" y="50" width="180" height="120" fill="#f0f0f0" stroke="#555" stroke-width="2"/>
<rect x="145" y="20" width="30" height="30" fill="#fff" stroke="#555"/>
<path d="M160 25 V45 M150 35 H170" stroke="#d22" stroke-width="6"/>
<g fill="#7ab"><rect x="85" y="65" width="25" height="20"/><rect x="125" y="65" width="25" height="20"/>
<rect x="170" y="65" width="25" height="20"/><rect x="210" y="65" width="25" height="20"/>
<rect x="85" y="100" width="25" height="20"/><rect x="210" y="100" width="25" height="20"/></g>
<rect x="145" y="130" width="30" height="40" fill="#556"/>"""),
    "train.svg": _svg("A freight train", """
<rect y="150" width="320" height="30" fill="#6d5a45"/>
<path d="M0 148 H320" stroke="#333" stroke-width="4"/>
<rect x="20" y="100" width="70" height="45" fill="#2f5d8a"/><rect x="95" y="108" width="60" height="37" fill="#8a6d2f"/>
<rect x="160" y="108" width="60" height="37" fill="#8a6d2f" transform="rotate(12 190 126)"/>
<rect x="228" y="120" width="60" height="37" fill="#8a6d2f" transform="rotate(28 258 138)"/>
<g fill="#222"><circle cx="35" cy="147" r="6"/><circle cx="75" cy="147" r="6"/><circle cx="110" cy="147" r="6"/><circle cx="140" cy="147" r="6"/></g>""", sky="#dfe8e0"),
    "museum.svg": _svg("A museum facade and a compass", """
<path d="M60 60 L160 20 L260 60 Z" fill="#c9bfa8" stroke="#555"/>
<rect x="60" y="60" width="200" height="10" fill="#b8ad94"/>
<g fill="#e6dfcc" stroke="#777"><rect x="75" y="70" width="14" height="80"/><rect x="115" y="70" width="14" height="80"/>
<rect x="191" y="70" width="14" height="80"/><rect x="231" y="70" width="14" height="80"/></g>
<rect x="50" y="150" width="220" height="14" fill="#b8ad94"/>
<circle cx="160" cy="110" r="22" fill="#e8c547" stroke="#8a6d1a" stroke-width="3"/>
<path d="M160 92 L166 110 L160 128 L154 110 Z" fill="#8a2a1a"/>""", sky="#efe9dc"),
    "factory.svg": _svg("A steelworks with chimneys", """
<rect x="30" y="90" width="260" height="80" fill="#5a5a5a"/>
<path d="M30 90 l40 -25 v25 l40 -25 v25 l40 -25 v25" fill="#6a6a6a"/>
<rect x="200" y="30" width="18" height="60" fill="#444"/><rect x="240" y="45" width="18" height="45" fill="#444"/>
<ellipse cx="209" cy="22" rx="22" ry="10" fill="#bbb" opacity="0.8"/>
<rect x="60" y="120" width="40" height="50" fill="#e07a2a"/>""", sky="#d8d2c8"),
    "coast.svg": _svg("A coastline with dunes", _SEA + """
<path d="M0 120 Q60 90 120 112 T240 105 T320 100 V130 H0 Z" fill="#e6d6a8"/>
<path d="M20 112 q10 -20 20 0 M60 104 q8 -16 16 0" stroke="#5b8a3a" stroke-width="3" fill="none"/>
<circle cx="260" cy="40" r="18" fill="#f7d774"/>
<path d="M120 60 q8 -6 16 0 q8 -6 16 0" stroke="#333" stroke-width="2" fill="none"/>"""),
    "tram.svg": _svg("A tram in the street", """
<rect y="150" width="320" height="30" fill="#888"/>
<path d="M0 40 H320" stroke="#333" stroke-width="2"/><path d="M160 40 L150 70 M160 40 L170 70" stroke="#333" stroke-width="2"/>
<rect x="60" y="70" width="200" height="75" rx="14" fill="#d23c3c"/>
<g fill="#cde"><rect x="75" y="82" width="35" height="28"/><rect x="120" y="82" width="35" height="28"/>
<rect x="165" y="82" width="35" height="28"/><rect x="210" y="82" width="35" height="28"/></g>
<g fill="#222"><circle cx="95" cy="148" r="7"/><circle cx="225" cy="148" r="7"/></g>""", sky="#e3e8ec"),
    "football.svg": _svg("A football on a pitch", """
<rect y="90" width="320" height="90" fill="#3f8f3f"/>
<path d="M0 135 H320" stroke="#fff" stroke-width="2"/><circle cx="160" cy="135" r="30" stroke="#fff" stroke-width="2" fill="none"/>
<circle cx="160" cy="70" r="26" fill="#fff" stroke="#222" stroke-width="2"/>
<path d="M160 58 l11 8 l-4 13 h-14 l-4 -13 z" fill="#222"/>""", sky="#9ec6e8"),
    "market.svg": _svg("A rising and falling chart", """
<rect x="30" y="20" width="260" height="140" fill="#fff" stroke="#999"/>
<g stroke="#ddd"><path d="M30 55 H290 M30 90 H290 M30 125 H290"/></g>
<path d="M30 130 L70 110 L100 118 L140 80 L170 92 L210 60 L240 70 L290 40" stroke="#1f6fb2" stroke-width="4" fill="none"/>""", sky="#f2f2f2"),
    "ferry.svg": _svg("A ferry crossing", _SEA + """
<path d="M70 118 H250 L232 145 H88 Z" fill="#f4f4f4" stroke="#333" stroke-width="2"/>
<rect x="110" y="95" width="100" height="23" fill="#fff" stroke="#333" stroke-width="2"/>
<rect x="150" y="75" width="16" height="20" fill="#d23c3c"/>
<g fill="#5a7d9a"><rect x="120" y="101" width="14" height="10"/><rect x="142" y="101" width="14" height="10"/><rect x="164" y="101" width="14" height="10"/><rect x="186" y="101" width="14" height="10"/></g>"""),
    "lighthouse.svg": _svg("A lighthouse on a rock", _SEA + """
<path d="M110 130 Q160 100 210 130 Z" fill="#6b6158"/>
<path d="M145 120 L150 50 H170 L175 120 Z" fill="#fff" stroke="#333"/>
<path d="M147 95 H173 M149 72 H171" stroke="#c33" stroke-width="8"/>
<rect x="148" y="38" width="24" height="14" fill="#f5d36a" stroke="#333"/>
<path d="M172 44 L240 30 V58 Z M148 44 L80 30 V58 Z" fill="#f5e9a8" opacity="0.7"/>""", sky="#1d2f4a"),
}
