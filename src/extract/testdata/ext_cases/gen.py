#!/usr/bin/env python3
"""Write the full-size pages of this directory (NAME.html, NAME.txt).

Our other fixtures are a few KB; real news pages are 50-500 KB of
furniture around the same article: inline state scripts, mega-menus
with teaser excerpts, ads splitting the body, comment threads longer
than the article, related grids with teaser paragraphs, sidebars and
footers with paragraphs of text. Each page here wraps an article we
wrote in that furniture, made by rules below (deterministic), so the
expected text is the article alone. Run: python3 gen.py (in this dir).
"""
import hashlib
import json
import random

R = random.Random(7)
WORDS = ("council harbour river school budget plan residents vote week "
         "police station road bridge summer rain festival market shop "
         "museum library team season match coach players fans club "
         "hospital doctors nurses patients trust board report data "
         "farm village town city county region mayor minister party").split()


def sentence(n=14):
    w = [R.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def teaser():
    title = " ".join(R.choice(WORDS) for _ in range(7)).capitalize()
    text = " ".join(sentence(R.randint(12, 20)) for _ in range(2))
    return title, text


def h(s):
    return "c" + hashlib.md5(s.encode()).hexdigest()[:6]


def css(n):
    return "".join(".%s{margin:%dpx;padding:%dpx;font-size:%drem}" % (
        h(str(i)), i % 17, i % 9, i % 3 + 1) for i in range(n))


def state_script(var, paras):
    data = {"page": {"type": "article", "body": paras,
                     "teasers": [dict(zip(("title", "text"), teaser()))
                                 for _ in range(150)]},
            "config": {"ads": {"slot%d" % i: {"sizes": [[300, 250], [728, 90]],
                                              "targeting": {"pos": i}}
                               for i in range(300)}}}
    return "<script>%s = %s;</script>" % (var, json.dumps(data))


def write(name, html, txt):
    open(name + ".html", "w").write(html)
    open(name + ".txt", "w").write(txt.strip() + "\n")


# ---------------------------------------------------------------------
# A: a WordPress news theme. Mega-menu with teaser excerpts, <h1> in the
# article's header, body split by ads, captions with credits, author box,
# related grid with excerpts, a comment thread longer than the story, a
# sidebar with an "about us" text widget, a footer with paragraphs.
A_TITLE = "Ferry operator to double winter sailings after island petition"
A_BODY = [
    ("p", "Islanders who spent two winters campaigning for a better ferry service will get twice as many sailings from November, after the operator agreed to run a second vessel on the route between Port Ellen and the mainland."),
    ("p", "The decision, announced on Tuesday, follows a petition signed by more than 2,400 people, roughly two thirds of the island's adult population, and a series of public meetings at which residents described missed hospital appointments, spoiled deliveries and children unable to get to college."),
    ("p", "Under the new timetable there will be four return crossings a day from Monday to Saturday and two on Sundays, compared with two and one last winter. The first sailing will leave the island at 6.40am, early enough for commuters to reach the mainland before work."),
    ("h2", "A second ship"),
    ("p", "The extra crossings depend on the MV Saltire, a smaller vessel that until now has been kept in reserve for breakdowns. The operator said it would bring in crew from its northern routes, where traffic falls sharply in the winter months, rather than recruit new staff."),
    ("p", "\u201cWe listened to what people told us, and we looked hard at whether we could do it without cutting somewhere else,\u201d said the company's operations director, Fiona MacRae. \u201cThe answer is that we can, as long as the Saltire stays reliable. We will be watching that very closely.\u201d"),
    ("p", "The Saltire carries 22 cars and 180 passengers, about half the capacity of the main ferry, and cannot take articulated lorries. Hauliers will therefore still have to book the larger ship, which the company said would give freight priority on its early sailings."),
    ("h2", "\u2018It should never have taken this long\u2019"),
    ("p", "Campaigners welcomed the announcement but said it had come too late for some. Two small businesses on the island closed last year, and their owners blamed cancelled sailings that left them without stock for days at a time."),
    ("blockquote", "We have been asking for this since the timetable was cut in 2021. It is good news, but it should never have taken this long, and we will hold them to it."),
    ("p", "The campaign's chair, retired teacher Donald Currie, said the group would keep meeting through the winter to log every cancellation and delay. Its members plan to publish a monthly record on the community council's website."),
    ("ul", ["Four return crossings a day from Monday to Saturday, two on Sundays.", "The first sailing leaves the island at 6.40am.", "Freight keeps priority on the larger ship's early sailings."]),
    ("p", "The regional transport partnership, which subsidises the route, said the extra cost of about \u00a3600,000 a year would be met from its existing budget until a review of island services is completed next spring."),
    ("p", "A spokesperson for the partnership said the review would look at whether the route needs a new, larger vessel, a question that has been raised repeatedly since the main ferry entered service almost thirty years ago."),
]
A_CAPTION = "The MV Saltire will run alongside the main ferry from November."
A_CREDIT = "Photo: Calum Reid / Island Images"


def block_html(kind, val, cls_p):
    if kind == "p":
        return "<p%s>%s</p>" % (cls_p, val)
    if kind == "h2":
        return "<h2>%s</h2>" % val
    if kind == "blockquote":
        return "<blockquote class=\"wp-block-quote\"><p>%s</p></blockquote>" % val
    if kind == "ul":
        return "<ul>%s</ul>" % "".join("<li>%s</li>" % li for li in val)


def block_txt(kind, val):
    return "\n".join(val) if kind == "ul" else val


def mega_menu():
    out = ['<div class="td-header-menu-wrap"><ul id="menu-main" class="sf-menu">']
    for sec in ("News", "Sport", "Business", "Politics", "Health", "Education",
                "Transport", "Environment", "Culture", "Food", "Property", "Jobs"):
        out.append('<li class="menu-item menu-item-has-children"><a href="/%s/">%s</a>'
                   '<ul class="sub-menu"><li><div class="td-mega-menu"><div class="td-mega-grid">'
                   % (sec.lower(), sec))
        for k in range(4):
            t, x = teaser()
            out.append('<div class="td_module_mega_menu"><div class="td-module-thumb">'
                       '<a href="/%s/%d/"><img src="/t/%d.jpg" alt=""></a></div>'
                       '<h3 class="entry-title td-module-title"><a href="/%s/%d/">%s</a></h3>'
                       '<div class="td-excerpt">%s</div></div>' % (sec.lower(), k, k, sec.lower(), k, t, x))
        out.append('</div><ul class="td-mega-links">')
        for k in range(18):
            out.append('<li><a href="/%s/sub%d/">%s %d</a></li>' % (sec.lower(), k, R.choice(WORDS).capitalize(), k))
        out.append('</ul></div></li></ul></li>')
    out.append('</ul></div>')
    return "".join(out)


def comment_thread(n, cls=True):
    out = []
    for k in range(n):
        paras = "".join("<p>%s</p>" % " ".join(sentence(R.randint(10, 22)) for _ in range(R.randint(1, 3)))
                        for _ in range(R.randint(1, 3)))
        if cls:
            out.append('<li id="comment-%d" class="comment even thread-even depth-1"><article class="comment-body">'
                       '<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader%d</b> '
                       '<span class="says">says:</span></div><div class="comment-metadata"><a href="#c%d">'
                       '<time>12 October 2024 at %d:%02d pm</time></a></div></footer>'
                       '<div class="comment-content">%s</div><div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>'
                       '</article></li>' % (k, k, k, k % 12 + 1, k * 7 % 60, paras))
        else:
            out.append('<div><div><strong>Reader%d</strong> <span>%d days ago</span></div>%s'
                       '<div><a href="#">Reply</a> <a href="#">Like</a></div></div>' % (k, k % 9 + 1, paras))
    return "".join(out)


def page_a():
    body = []
    for i, (kind, val) in enumerate(A_BODY):
        body.append(block_html(kind, val, ""))
        if i in (2, 6, 10):
            body.append('<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">- Advertisement -</span>'
                        '<div id="div-gpt-ad-%d"><script>googletag.cmd.push(function(){googletag.display("div-gpt-ad-%d")});</script></div></div>' % (i, i))
        if i == 4:
            body.append('<p><strong>Read also:</strong> <a href="/news/ferry-fares-frozen/">Ferry fares frozen for islanders until 2026</a></p>')
    related = "".join('<div class="td_module_related_posts"><div class="td-module-thumb"><a href="/r/%d/"><img src="/r/%d.jpg" alt=""></a></div>'
                      '<h3 class="entry-title"><a href="/r/%d/">%s</a></h3><div class="td-excerpt">%s</div></div>'
                      % ((k, k, k) + teaser()) for k in range(6))
    sidebar = ('<div class="td-pb-span4 td-main-sidebar"><div class="td-ss-main-sidebar">'
               '<aside class="widget widget_text"><h4 class="block-title">About the Courier</h4><div class="textwidget">'
               + "".join("<p>%s</p>" % " ".join(sentence(16) for _ in range(3)) for _ in range(3)) +
               '</div></aside><aside class="widget widget_popular"><h4 class="block-title">Most read</h4><ul>'
               + "".join('<li><a href="/m/%d/">%s</a><p>%s</p></li>' % ((k,) + teaser()) for k in range(8)) +
               '</ul></aside></div></div>')
    footer = ('<footer class="td-footer-wrapper"><div class="td-footer-container">'
              + "".join('<div class="td-pb-span4"><h4>%s</h4>%s</div>' % (
                  t, "".join("<p>%s</p>" % " ".join(sentence(18) for _ in range(2)) for _ in range(2)))
                  for t in ("About us", "Contact", "Our journalism"))
              + '<ul class="footer-links">' + "".join('<li><a href="/p/%d/">%s</a></li>' % (k, R.choice(WORDS).capitalize()) for k in range(60))
              + '</ul><div class="td-sub-footer-copy">\u00a9 2024 The Coast Courier Ltd. All rights reserved.</div></div></footer>')
    html = ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8"><title>%s - The Coast Courier</title>'
            '<meta property="og:title" content="%s"><meta property="og:type" content="article">'
            '<style id="td-theme-css">%s</style>%s'
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"%s","datePublished":"2024-10-12T09:00:00+01:00","author":{"@type":"Person","name":"Morag Sinclair"}}</script>'
            '</head><body class="post-template-default single single-post td-standard-pack">'
            '<div id="td-outer-wrap" class="td-theme-wrap"><div class="td-header-wrap td-header-style-1">'
            '<div class="td-header-top-menu"><div class="td_data_time">Saturday, October 12, 2024</div>'
            '<ul class="top-header-menu"><li><a href="/advertise/">Advertise</a></li><li><a href="/contact/">Contact</a></li></ul></div>'
            '<div class="td-header-sp-logo"><a class="td-main-logo" href="/"><img src="/logo.png" alt="The Coast Courier"></a></div>%s</div>'
            '<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default">'
            '<div class="td-crumb-container"><div class="entry-crumbs"><span><a href="/">Home</a></span> <i class="td-icon-right"></i> <span><a href="/transport/">Transport</a></span></div></div>'
            '<div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">'
            '<article id="post-48211" class="post-48211 post type-post status-publish format-standard has-post-thumbnail category-transport">'
            '<div class="td-post-header"><ul class="td-category"><li class="entry-category"><a href="/transport/">Transport</a></li></ul>'
            '<header class="td-post-title"><h1 class="entry-title">%s</h1><div class="td-module-meta-info">'
            '<div class="td-post-author-name"><div class="td-author-by">By</div> <a href="/author/morag/">Morag Sinclair</a></div>'
            '<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="2024-10-12T09:00:00+01:00">October 12, 2024</time></span>'
            '<div class="td-post-comments"><a href="#comments"><i class="td-icon-comments"></i>23</a></div></div></header></div>'
            '<div class="td-post-sharing-top"><div class="td-default-sharing"><a class="td-social-sharing-button" href="#"><span>Facebook</span></a><a class="td-social-sharing-button" href="#"><span>Twitter</span></a><a class="td-social-sharing-button" href="#"><span>WhatsApp</span></a></div></div>'
            '<div class="td-post-content tagdiv-type"><div class="td-post-featured-image"><figure><a href="/img/saltire.jpg"><img width="696" height="392" class="entry-thumb" src="/img/saltire.jpg" alt=""></a>'
            '<figcaption class="wp-caption-text">%s %s</figcaption></figure></div>%s</div>'
            '<footer><div class="td-post-source-tags"><ul class="td-tags td-post-small-box"><li><span>TAGS</span></li><li><a href="/tag/ferries/">ferries</a></li><li><a href="/tag/islands/">islands</a></li></ul></div>'
            '<div class="td-block-row td-post-next-prev"><div class="td-post-next-prev-content"><span>Previous article</span><a href="/prev/">Harbour dredging contract awarded</a></div><div class="td-post-next-prev-content"><span>Next article</span><a href="/next/">New bus link to the airport</a></div></div>'
            '<div class="td-author-name-wrap"><div class="author-box-wrap"><a href="/author/morag/"><img src="/a.jpg" alt=""></a><div class="desc"><div class="td-author-name vcard author"><a href="/author/morag/">Morag Sinclair</a></div>'
            '<div class="td-author-description">Morag Sinclair is the Courier\'s transport reporter. She has covered the islands and their ferries for twelve years and lives in Oban.</div></div></div></div></footer>'
            '<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title"><a href="#" class="td-related-left">Related articles</a><a href="#" class="td-related-right">More from author</a></h4>'
            '<div class="td_block_inner">%s</div></div></article>'
            '<div class="comments" id="comments"><div class="td-comments-title-wrap"><h4 class="block-title"><span>23 COMMENTS</span></h4></div>'
            '<ol class="comment-list">%s</ol><div id="respond" class="comment-respond"><h3 class="comment-reply-title">Leave a Reply</h3>'
            '<form action="/wp-comments-post.php" method="post" id="commentform"><textarea name="comment"></textarea><input name="author"><input type="submit" value="Post Comment"></form></div></div>'
            '</div></div>%s</div></div></div>%s</div></body></html>'
            % (A_TITLE, A_TITLE, css(900), state_script("window.tdBlocksArray", [v for _, v in A_BODY if isinstance(v, str)]),
               A_TITLE, mega_menu(), A_TITLE, A_CAPTION, A_CREDIT, "".join(body), related, comment_thread(23), sidebar, footer))
    txt = "\n\n".join([A_CAPTION] + [block_txt(k, v) for k, v in A_BODY])
    write("wp_big", html, txt)


# ---------------------------------------------------------------------
# B: a CSS-in-JS page (hashed classes only). The headline block sits above
# the body's column; the body is four sibling boxes between ad slots;
# captions end in a credit; an unclassed thread of readers' comments
# (longer than the story) under a plain "Comments" heading; a "More in
# Science" grid with teaser paragraphs; a site index of hundreds of links.
B_TITLE = "Why the oldest trees in the valley are dying from the top down"
B_PARTS = [
    ["Walk through the oak woods above Llanfair in late summer and you will see it straight away: crowns that should be dense and green are thin, brown and full of dead branches, while the lower limbs of the same trees still look healthy.",
     "Foresters call it dieback from the top, and for the past five years it has spread through the valley's oldest trees faster than anyone expected. A survey published this month found that almost one in five oaks over two hundred years old now shows clear signs of it, up from one in twenty a decade ago."],
    ["The cause is not a single disease. Researchers at the university's school of forestry, who carried out the survey, say the trees are being worn down by a run of dry summers that leave their deepest roots short of water just as they need it most.",
     "\u201cAn old oak is a huge plumbing system,\u201d said Dr Eleri Watkins, who led the work. \u201cIt has to lift water thirty metres from the roots to the top leaves. In a drought the top is the first part to go thirsty, and once the fine branches up there die they rarely come back.\u201d",
     "Weakened trees are then open to attack by beetles and fungi that a healthy oak would shrug off. The two-spotted oak buprestid, a beetle whose larvae tunnel under the bark, was found in a third of the trees with dieback."],
    ["The survey team climbed and measured 312 trees across eleven woods, comparing each one with aerial photographs taken in 2014. They also took soil samples and cores from the trunks to read how fast each tree had grown year by year.",
     "The cores told a clear story, Dr Watkins said. Trees that are now dying grew much more slowly after the dry summers of 2018 and 2022 than their neighbours did, and never caught up again. That pattern could give foresters an early warning, years before the crown starts to thin."],
    ["Landowners have been told not to fell trees with dieback unless they are dangerous, because even a dying oak gives a home to hundreds of other species. The national parks authority is instead planting young oaks grown from local acorns in the gaps, in the hope that some of them will be better suited to a drier climate.",
     "\u201cNone of us will see those trees grow old,\u201d said the authority's woodland officer, Gethin Pryce. \u201cBut if we do nothing now, there will be no old oaks in this valley for our grandchildren to walk under.\u201d"],
]
B_CAPTION = "An oak with a thinning crown above the village of Llanfair."
B_CREDIT = "Credit... Ffion Hughes for The Border Post"


def page_b():
    P = "css-at9mc1 evys1bk0"
    parts = []
    for i, part in enumerate(B_PARTS):
        parts.append('<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1r7ky0e">%s</div></div>'
                     % "".join('<p class="%s">%s</p>' % (P, x) for x in part))
        if i < len(B_PARTS) - 1:
            parts.append('<div class="css-1bd8bfl"><div class="css-10raysr"><p class="css-1mngn2c">Advertisement</p>'
                         '<div id="mid%d" class="css-1fsm0ye"></div><div class="css-1x6uw9"><a href="#after-mid%d">SKIP ADVERTISEMENT</a></div></div></div>' % (i, i))
    grid = "".join('<li class="css-ye6x8s"><a class="css-1u3p7j1" href="/science/%d"><div class="css-79elbk"><img src="/s/%d.jpg" alt=""></div>'
                   '<h3 class="css-1kv6qi">%s</h3><p class="css-1echdzn">%s</p></a></li>' % ((k, k) + teaser()) for k in range(8))
    comments = "".join('<div class="css-%s"><div class="css-1l5d7d"><span class="css-x3y4">Reader%d</span> <span class="css-q1w2">%s</span></div>'
                       '<div class="css-8atqhb">%s</div><div class="css-7j6u"><button class="css-b1">Reply</button> <button class="css-b2">%d Recommend</button></div></div>'
                       % (h("c%d" % k), k, R.choice(("Cardiff", "Bristol", "Chester", "Aberystwyth")),
                          "".join('<p class="css-1w9">%s</p>' % " ".join(sentence(R.randint(12, 24)) for _ in range(2)) for _ in range(R.randint(1, 3))),
                          k * 3) for k in range(18))
    index = "".join('<div class="css-1gpz9l"><h3 class="css-y6v5">%s</h3><ul class="css-h1x2">%s</ul></div>' % (
        sec, "".join('<li class="css-a8u"><a class="css-1j2w" href="/%s/%d">%s</a></li>' % (sec.lower(), k, R.choice(WORDS).capitalize()) for k in range(30)))
        for sec in ("News", "Opinion", "Arts", "Living", "Sport", "More", "Subscribe", "Account"))
    paras = [x for part in B_PARTS for x in part]
    next_data = {"props": {"pageProps": {"article": {"headline": B_TITLE, "body": [{"type": "paragraph", "text": x} for x in paras]},
                                          "recirc": [dict(zip(("title", "summary"), teaser())) for _ in range(200)]}}}
    html = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s - The Border Post</title>'
            '<meta property="og:title" content="%s"><meta name="description" content="A survey finds one in five old oaks in trouble.">'
            '<style data-emotion="css">%s</style></head><body><div id="app"><div class="css-1ehh6ux">'
            '<header class="css-1ilqw5j"><div class="css-1x7b5"><button class="css-f8z2" aria-label="Sections">Sections</button>'
            '<a class="css-nhjhh0" href="/">The Border Post</a><a class="css-q4r5" href="/subscribe">Subscribe for \u00a31 a week</a></div>'
            '<nav class="css-1d8a290"><ul class="css-1vxc2sl">%s</ul></nav></header>'
            '<main id="site-content" class="css-1a1b2c"><div class="css-1vkm6nb"><article id="story" class="css-1vxca1d">'
            '<header class="css-ahe4g0"><p class="css-1rh8k4"><a href="/science">Science</a></p><h1 class="css-88wicj" data-testid="headline">%s</h1>'
            '<p class="css-w6ymp8" id="article-summary">A survey finds that almost one in five of the oldest oaks show signs of dieback, and the cause is a run of dry summers.</p>'
            '<div class="css-79elbk"><figure class="css-1vrbd8"><div class="css-1xdhyk6"><img class="css-rq4mmj" src="/img/oak.jpg" alt=""></div>'
            '<figcaption class="css-1l44abu"><span class="css-16f3y1r">%s</span><span class="css-cnj6d5"><span class="css-1ly73wi">%s</span></span></figcaption></figure></div>'
            '<div class="css-1j0hja"><p class="css-aknsld"><span class="css-1baulvz">By <a href="/by/rhys">Rhys Morgan</a></span></p>'
            '<time class="css-1o3m5d" datetime="2024-08-28">Aug. 28, 2024</time></div></header>'
            '<section name="articleBody" class="meteredContent css-1r7ky0e">%s</section>'
            '<div class="css-1vp7l2"><h2 class="css-5x2b">Comments</h2>%s</div></article>'
            '<div class="css-ds4w1"><h2 class="css-1t2k">More in Science</h2><ol class="css-11jjg">%s</ol></div></div></main>'
            '<footer class="css-1b6z"><div class="css-1g7m">%s</div><p class="css-n7r">\u00a9 2024 The Border Post Company</p></footer></div></div>'
            '<script id="__NEXT_DATA__" type="application/json">%s</script></body></html>'
            % (B_TITLE, B_TITLE, css(1500),
               "".join('<li class="css-kv9"><a class="css-kh2" href="/%s">%s</a></li>' % (w, w.capitalize()) for w in WORDS[:14]),
               B_TITLE, B_CAPTION, B_CREDIT, "".join(parts), comments, grid, index, json.dumps(next_data)))
    txt = "\n\n".join([B_CAPTION] + paras)
    write("hashed_split", html, txt)


# ---------------------------------------------------------------------
# C: an old hand-made blog. No <h1> (the title is an <h3>), the post is
# text and <br><br> in a <div>, with <b> subheads; a sidebar column of
# about the same size with "About me" text paragraphs and a blog roll of
# short notes; a long comment thread in <dl>; hundreds of archive links.
C_TITLE = "Restoring a 1950s lathe, part three: the headstock"
C_PARAS = [
    "This is the third post about the old Myford lathe I bought at a farm sale last spring for the price of a good dinner. If you missed the first two, they covered stripping the bed and getting the seized tailstock apart without breaking anything.",
    "The headstock was the part I was most nervous about. It holds the spindle and its bearings, and if those are worn there is not much point in restoring the rest of the machine, because it will never turn anything round again.",
    "Taking it apart",
    "The spindle comes out to the left once the pulley and the back gear are off. On mine the pulley grub screw had been chewed by someone with the wrong key, so I had to drill it out, which took most of a Saturday afternoon and two broken drill bits.",
    "Inside, the bearings were better than I feared. The bronze shells had a few light scratches but no scoring, and when I measured the spindle journals with a micrometer they were within a thousandth of an inch of the size in the manual.",
    "Cleaning and shimming",
    "I washed everything in paraffin and scraped forty years of hardened oil out of the oil ways with a bent piece of wire. The felt wicks that feed oil to the bearings had turned into something like cardboard, so I cut new ones from a sheet of felt I bought online.",
    "These bearings are adjusted with thin brass shims between the two halves of each cap. Removing one shim at a time and checking the spindle for play with a dial gauge, I got the end float down to about half a thousandth, which is as good as I could hope for.",
    "Next time I will put the whole thing back together, set the back gear, and find out whether it actually cuts metal. Wish me luck.",
]
C_SUBHEADS = {2, 5}


def page_c():
    body = []
    for i, para in enumerate(C_PARAS):
        if i in C_SUBHEADS:
            body.append("<b>%s</b><br />" % para)
        else:
            body.append("%s<br /><br />" % para)
    about = "".join("%s<br /><br />" % " ".join(sentence(R.randint(14, 20)) for _ in range(3)) for _ in range(3))
    roll = "".join('<li><a href="http://blog%d.example/">%s</a> - <span class="item-snippet">%s</span></li>'
                   % (k, " ".join(R.choice(WORDS) for _ in range(3)).title(), sentence(16)) for k in range(8))
    archive = "".join('<li><a class="post-count-link" href="/%d/%02d/">%s %d</a> (%d)</li>' % (
        2008 + k // 12, k % 12 + 1, ("January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December")[k % 12], 2008 + k // 12, k % 7 + 1)
        for k in range(190))
    comments = "".join('<dt class="comment-author" id="c%d"><a href="/profile/%d">Machinist%d</a> said...</dt>'
                       '<dd class="comment-body"><p>%s</p></dd><dd class="comment-footer"><span class="comment-timestamp">'
                       '<a href="#c%d">%d March 2015 at %d:%02d</a></span></dd>'
                       % (k, k, k, "<br /><br />".join(" ".join(sentence(R.randint(10, 20)) for _ in range(R.randint(1, 3)))
                                                        for _ in range(R.randint(1, 2))), k, k % 28 + 1, k % 12 + 8, k * 11 % 60)
                       for k in range(30))
    html = ('<!DOCTYPE html><html><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type"><title>Shed Engineering: %s</title>'
            '<style type="text/css">%s</style></head><body>'
            '<div id="outer-wrapper"><div id="header-wrapper"><div id="header"><h1 class="title"><a href="/">Shed Engineering</a></h1>'
            '<p class="description">Old machines, slow progress</p></div></div>'
            '<div id="content-wrapper"><div id="main-wrapper"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">'
            '<h2 class="date-header"><span>Sunday, 8 March 2015</span></h2><div class="post-outer"><div class="post hentry">'
            '<h3 class="post-title entry-title"><a href="/2015/03/lathe-part-three.html">%s</a></h3>'
            '<div class="post-header"><div class="post-header-line-1"></div></div>'
            '<div class="post-body entry-content" id="post-body-123">%s<div style="clear: both;"></div></div>'
            '<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn">Alan</span></span> '
            '<span class="post-timestamp">at <a class="timestamp-link" href="#"><abbr class="published">19:42</abbr></a></span> '
            '<span class="post-comment-link"><a class="comment-link" href="#comments">30 comments</a></span></div>'
            '<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="/l/lathe">lathe</a>, <a href="/l/myford">myford</a></span></div></div>'
            '</div><div class="comments" id="comments"><a name="comments"></a><h4>30 comments:</h4><div id="Blog1_comments-block-wrapper"><dl class="avatar-comment-indent" id="comments-block">%s</dl></div>'
            '<p class="comment-footer"><a href="/comment.g?blogID=1">Post a Comment</a></p></div></div>'
            '<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/newer">Newer Post</a></span> '
            '<span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/older">Older Post</a></span> <a class="home-link" href="/">Home</a></div>'
            '</div></div></div></div>'
            '<div id="sidebar-wrapper"><div class="sidebar section" id="sidebar">'
            '<div class="widget Profile" id="Profile1"><h2>About Me</h2><div class="widget-content"><dl class="profile-datablock"><dt class="profile-data"><a class="profile-name-link" href="/profile/1">Alan</a></dt>'
            '<dd class="profile-textblock">%s</dd></dl></div></div>'
            '<div class="widget BlogList" id="BlogList1"><h2 class="title">Blogs I read</h2><div class="widget-content"><ul>%s</ul></div></div>'
            '<div class="widget BlogArchive" id="BlogArchive1"><h2>Blog Archive</h2><div class="widget-content"><ul class="hierarchy">%s</ul></div></div>'
            '</div></div></div><div id="footer-wrapper"><div class="footer section" id="footer"><p>Powered by Blogger.</p></div></div></div></body></html>'
            % (C_TITLE, css(300), C_TITLE, "".join(body), comments, about, roll, archive))
    write("blog_br_noh1", html, "\n\n".join(C_PARAS))


# ---------------------------------------------------------------------
# D: a live blog. "Key events" links at the top, posts newest first each
# with a time stamp (a bare "14:32" line and a <time>), a title, text, an
# embedded post and a share row; a pinned summary; a "Load more" button;
# the live page's furniture (score ticker, most viewed, footer).
D_TITLE = "Storm Alwen live: trains cancelled and thousands without power"
D_POSTS = [
    ("16:05", "Power restored to half of homes", ["The electricity network operator says power has now been restored to about 21,000 of the 40,000 homes that lost it this morning.", "Engineers are working on the remaining faults, but the company warns that some customers in remote areas may not be reconnected until tomorrow evening."]),
    ("15:40", "", ["A reader in Penrith has sent us a picture of a fallen tree blocking the main road into the town centre. Police say the road will stay closed until the tree can be cut up and removed, which is expected to take a few hours."]),
    ("15:12", "Ferries suspended until Sunday", ["All sailings between the mainland and the islands are cancelled for the rest of today and tomorrow, the ferry operator has said.", "Passengers with bookings can change them free of charge or ask for a full refund through the company's website."]),
    ("14:32", "What the forecasters say", ["Gusts of up to 85mph have been recorded on exposed coasts this afternoon. The Met Office says winds will ease slowly overnight, but a yellow warning for rain stays in place until midday on Saturday.", "Forecasters say the heaviest rain will fall over high ground, where up to 80mm could fall in 24 hours, raising the risk of flooding in valleys downstream."]),
    ("13:50", "Schools close early", ["Dozens of schools across the region sent pupils home at lunchtime so that buses could run before the strongest winds arrived. The county council says it will decide on Monday's openings over the weekend."]),
    ("13:15", "Rail services cancelled", ["Network Rail has closed the coastal line between Carlisle and Whitehaven after debris was blown onto the tracks in several places.", "Train operators have told passengers not to travel today. Tickets for today can be used tomorrow or refunded."]),
]


def page_d():
    posts = []
    for k, (t, title, paras) in enumerate(D_POSTS):
        head = '<div class="block-time published-time"><time datetime="2024-12-06T%s:00Z" data-relativeformat="HH:mm">%s</time></div>' % (t, t)
        if title:
            head += '<h2 class="block-title">%s</h2>' % title
        body = "".join("<p>%s</p>" % p for p in paras)
        if k == 3:
            body += ('<figure class="element element-tweet"><blockquote class="twitter-tweet"><p>Gusts of 85mph at the coast this afternoon. '
                     'Stay away from seafronts and promenades. <a href="https://t.example/x">pic.example/abc</a></p>&mdash; Weather Desk (@weatherdesk) '
                     '<a href="https://t.example/status/1">December 6, 2024</a></blockquote></figure>')
        posts.append('<article id="block-%d" class="block"><div class="block-elements">%s%s</div>'
                     '<footer class="block-footer"><div class="block-share"><span>Share</span><a href="#">Facebook</a><a href="#">Twitter</a></div>'
                     '<div class="block-updated">Updated at %s GMT</div></footer></article>' % (k, head, body, t))
    key_events = "".join('<li><a href="#block-%d"><time>%s</time> %s</a></li>' % (k, t, title or "Update")
                         for k, (t, title, _) in enumerate(D_POSTS))
    most = "".join('<li><a href="/m/%d"><h3>%s</h3></a></li>' % (k, teaser()[0]) for k in range(10))
    nav = "".join('<li><a href="/%s">%s</a></li>' % (w, w.capitalize()) for w in WORDS)
    html = ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>%s | North West News</title>'
            '<meta property="og:title" content="%s"><script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"%s","coverageStartTime":"2024-12-06T07:00:00Z"}</script>'
            '%s</head><body><div id="container"><header class="site-header"><nav class="main-nav"><ul>%s</ul></nav>'
            '<div class="ticker"><span>Latest:</span> <a href="/t1">%s</a></div></header>'
            '<main class="content"><div class="content__head"><span class="badge">Live</span><h1 class="content__headline">%s</h1>'
            '<div class="content__standfirst"><p>Amber wind warning in force across the region until 9pm, with gusts of up to 85mph on the coast.</p></div>'
            '<div class="content__meta"><span class="byline">Priya Natarajan and Tom Kerr</span> <time>Fri 6 Dec 2024 16.05 GMT</time></div></div>'
            '<div class="content__key-events"><h2>Key events</h2><ul>%s</ul></div>'
            '<div class="js-liveblog-body liveblog-body" itemprop="liveBlogUpdate">%s</div>'
            '<div class="liveblog-navigation"><button class="load-more">Load more updates</button><a href="?page=2">Older posts</a></div></main>'
            '<aside class="right-column"><div class="most-viewed"><h2>Most viewed</h2><ol>%s</ol></div></aside>'
            '<footer class="site-footer"><p>%s</p><p>\u00a9 2024 North West News</p></footer></div></body></html>'
            % (D_TITLE, D_TITLE, D_TITLE, state_script("window.__LIVE__", [p for _, _, ps in D_POSTS for p in ps]), nav, teaser()[0], D_TITLE,
               key_events, "".join(posts), most, " ".join(sentence(16) for _ in range(4))))
    txt = []
    for t, title, paras in D_POSTS:
        if title:
            txt.append(title)
        txt.extend(paras)
        if t == "14:32":
            txt.append("Gusts of 85mph at the coast this afternoon. Stay away from seafronts and promenades. pic.example/abc\n\u2014 Weather Desk (@weatherdesk) December 6, 2024")
    write("liveblog_big", html, "\n\n".join(txt))
