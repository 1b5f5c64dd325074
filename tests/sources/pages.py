"""Documents the intake tests serve themselves: a news page with all its furniture, a Spanish
page, a two-page PDF with a running header and footer (made with WeasyPrint), and feeds.
Each is written here, in the repository's own words: no page is copied from the web."""

import html
import json

NEWS_BODY = [
    "Mexico will deploy up to 6,000 National Guard troops to its southern border, officials "
    "said on Friday, as part of a deal with the United States.",
    "The agreement follows a threat of tariffs on $3.1&nbsp;billion of goods. More than 80,500 "
    "migrants were deported since December, the ministry said.",
    "The deployment will begin on Monday and last at least 90 days, according to the foreign "
    "minister.",
]
# What the page around the article says, none of which is the article's.
NEWS_FURNITURE = ["12,345", "$4.99", "3 months", "cookies", "Related", "1,200 employees"]


def news_page(*, title="Mexico sends up to 6,000 troops south", body=None, json_ld=True) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (body or NEWS_BODY))
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2019-06-07T10:00:00-05:00",
        "author": [{"@type": "Person", "name": n} for n in ("Ana Ruiz", "John Smith")],
        "publisher": {"@type": "Organization", "name": "The Border Times"},
    }
    ld = f'<script type="application/ld+json">{json.dumps(article)}</script>' if json_ld else ""
    return f"""<!doctype html>
<html lang="en-US"><head><meta charset="utf-8">
<title>{html.escape(title)} | The Border Times</title>
<meta property="og:site_name" content="The Border Times">
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="2019-06-07T10:00:00-05:00">
{ld}
<script>window.tracker = {{views: 12345}};</script>
</head><body>
<div class="cookie-banner" id="cookies">We use cookies to improve your experience.
  <button>Accept all cookies</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/subscribe">Subscribe: $4.99 a month</a></li></ul></nav>
<main>
<header><h1>{html.escape(title)}</h1>
  <p class="byline">By Ana Ruiz and John Smith · <span class="comments">12,345 comments</span></p>
</header>
<article>
{paragraphs}
</article>
<aside class="related"><h2>Related</h2><ul>
  <li><a href="/a">Five things to know about the 3 border towns</a></li>
  <li><a href="/b">Why 7 in 10 voters care about trade</a></li></ul></aside>
<div class="promo subscribe">Subscribe now: $4.99 a month for 3 months, then $9.99.</div>
</main>
<footer><p>© 2019 The Border Times. 1,200 employees in 14 bureaus.</p>
  <p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>"""


SPANISH_BODY = [
    "La Secretaría de Marina desplegará 6,000 efectivos en los puertos del Pacífico a partir "
    "del lunes, informó la dependencia en un comunicado.",
    "El operativo costará 1,5 millones de pesos al día y durará 45 días, según el documento.",
]


def spanish_page() -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in SPANISH_BODY)
    return f"""<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8">
<title>Marina refuerza los puertos del Pacífico</title>
<meta property="og:site_name" content="Diario del Puerto">
<meta property="og:title" content="Marina refuerza los puertos del Pacífico">
<meta name="author" content="Lucía Méndez">
<meta property="article:published_time" content="2021-03-15">
</head><body>
<nav><a href="/">Inicio</a> <a href="/suscribete">Suscríbete por $49 al mes</a></nav>
<article><h1>Marina refuerza los puertos del Pacífico</h1>
{paragraphs}
</article>
<aside><h3>Lo más leído</h3><ul><li>Los 10 destinos de 2021</li></ul></aside>
<footer>© 2021 Diario del Puerto. 250 empleados.</footer>
</body></html>"""


REPORT_PAGES = [
    [
        "The commission counted 2,400 asylum requests in the first quarter, up from 1,100 a "
        "year earlier.",
        "Processing times grew to an average of 84 days, officials wrote in the summary.",
    ],
    [
        "Shelters in the region held about 3,000 people at the end of March.",
        "The report recommends hiring 150 more case workers before the end of the year.",
    ],
]
REPORT_HEADER = "Border Shelter Review — Quarterly Report"
REPORT_FOOTER = "Commission on Migration · Confidential draft"


def report_pdf(pages=None) -> bytes:
    """A PDF with a running header, a running footer with its page number, and body pages."""
    from weasyprint import HTML

    pages = pages or REPORT_PAGES
    sections = "".join(
        '<section style="page-break-after: always">'
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + "</section>"
        for paragraphs in pages
    )
    document = f"""<html><head><title>Border Shelter Review</title>
    <meta name="author" content="Commission on Migration">
    <meta name="dcterms.created" content="2021-04-12T09:00:00Z"><style>
      @page {{ size: A4; margin: 3cm 2.5cm;
        @top-center {{ content: "{REPORT_HEADER}"; font-size: 9pt; }}
        @bottom-left {{ content: "{REPORT_FOOTER}"; font-size: 9pt; }}
        @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 9pt; }}
      }}
      body {{ font-family: sans-serif; font-size: 11pt; line-height: 1.4; }}
      p {{ margin: 0 0 1em 0; }}
    </style></head><body>{sections}</body></html>"""
    return HTML(string=document).write_pdf()


def image_only_pdf() -> bytes:
    """What a scan looks like to a text extractor: pages with marks and no text layer."""
    from weasyprint import HTML

    return HTML(
        string='<div style="width: 12cm; height: 16cm; background: #333"></div>'
    ).write_pdf()


def rss_feed(items) -> str:
    """items: (link, title, "Fri, 07 Jun 2019 10:00:00 GMT") tuples."""
    entries = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f"<guid>{html.escape(link)}</guid><pubDate>{date}</pubDate></item>"
        for link, title, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>The Border Times</title><link>https://example.org/</link>{entries}"
        "</channel></rss>"
    )
