"""Every format renders the sheet from the one context, and none of them lets user text act."""

import csv
import io
import json

import pytest
from weasyprint import HTML

from claims.factsheets.context import build_context
from claims.factsheets.renderers import (
    FORMATS,
    markdown_escape,
    markdown_url,
    refusing_fetcher,
    render,
    render_pdf,
)
from claims.models import Claim
from factdb.csv_cells import csv_safe
from tests.loopback import listener

from .conftest import FIGURES, pdf_text

HOSTILE = (
    "He said <script>alert(1)</script> and <img src=http://evil.example/x.png> then "
    '=HYPERLINK("http://evil.example","x")'
)


def csv_rows(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def context(seed_sheet):
    return build_context(seed_sheet)


@pytest.fixture
def hostile_context(seed_sheet):
    claim = Claim.objects.get(unit="migrants")
    claim.quote = HOSTILE
    claim.save()
    seed_sheet.items.filter(claim=claim).update(note="=1+2 <b>bold</b>")
    return build_context(seed_sheet)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders_the_seed_sheet(context, fmt):
    body = render(context, fmt)
    assert body
    if fmt == "pdf":
        assert body.startswith(b"%PDF-")
        return
    text = body.decode("utf-8-sig")
    wanted = FIGURES if fmt != "jsonld" else ["up to 6,000 National Guard troops"]
    for figure in wanted:
        assert (figure if fmt != "md" else markdown_escape(figure)) in text


def test_the_pdf_text_has_each_figure_and_each_citation(context):
    text = pdf_text(render_pdf(context))
    for figure in FIGURES:
        assert figure in text
    for cited in context["citations"]:
        assert f"[{cited['number']}]" in text
        assert cited["title"] in text
        assert cited["publisher"] in text
    assert "Accessed" in text and "Translation of" in text


def test_html_marks_unverified_figures_and_shows_verdicts_and_notes(context):
    html = render(context, "html").decode()
    assert "Not yet verified" in html
    for verdict in ("Verified", "False", "Misleading", "Unverified"):
        assert f'<span class="badge">{verdict}</span>' in html
    assert "Matches the SRE statement." in html
    assert 'id="source-1"' in html and 'href="#source-1"' in html


def test_html_is_self_contained(context):
    html = render(context, "html").decode().lower()
    for external in ("<script", "<link", "@import", "url(", "<img", "@font-face", "<iframe"):
        assert external not in html


def test_csv_has_one_row_per_claim_with_its_citation(context):
    rows = csv_rows(render(context, "csv"))
    assert [row["figure"] for row in rows] == [item["figure"] for item in context["items"]]
    assert rows[2]["status"] == "Unverified" and rows[2]["notice"].startswith("Not yet verified")
    assert rows[0]["citation"] == rows[2]["citation"] == "1"
    assert rows[0]["source_publisher"] == "Reuters"
    assert rows[1]["sheet_note"] == "The figure the Pentagon later corrected."


def test_json_is_the_context_itself(context):
    assert json.loads(render(context, "json")) == context


def test_jsonld_has_a_claimreview_for_each_claim_with_a_verdict(context):
    graph = json.loads(render(context, "jsonld"))["@graph"]
    assert [review["claimReviewed"] for review in graph] == [
        "up to 6,000 National Guard troops",
        "1,500 active duty troops",
        "more than $800 a year",
    ]
    troops = graph[0]
    assert troops["@type"] == "ClaimReview"
    assert troops["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Verified",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "ratingExplanation": "Matches the SRE statement.",
    }
    appearance = troops["itemReviewed"]["appearance"]
    assert appearance["@type"] == "CreativeWork"
    assert appearance["url"] == "https://reuters.example/2019/06/07/mexico-guard"
    assert appearance["headline"].startswith("Mexico to deploy")
    assert appearance["datePublished"] == "2019-06-07"
    assert appearance["publisher"] == {"@type": "Organization", "name": "Reuters"}
    assert troops["itemReviewed"]["author"]["@type"] == "Person"
    assert troops["itemReviewed"]["datePublished"] == "2019-06-07"
    assert troops["author"] == {"@type": "Organization", "name": "factdb newsroom"}
    assert troops["datePublished"] == context["items"][0]["verification"]["date"]
    assert graph[1]["itemReviewed"]["author"]["@type"] == "Organization"
    assert graph[1]["reviewRating"]["ratingValue"] == 1


def test_jsonld_author_is_the_configured_newsroom(seed_sheet, settings):
    settings.FACTDB_ORG_NAME = "The Border Desk"
    graph = json.loads(render(build_context(seed_sheet), "jsonld"))["@graph"]
    assert {review["author"]["name"] for review in graph} == {"The Border Desk"}


def test_jsonld_url_points_at_the_claim_on_the_sheet(seed_sheet):
    context = build_context(seed_sheet, url="https://factdb.example/sheet")
    review = json.loads(render(context, "jsonld"))["@graph"][0]
    assert review["url"] == f"https://factdb.example/sheet#claim-{context['items'][0]['claim_id']}"


# ---- hostile text ----------------------------------------------------------------------------


def test_jsonld_cannot_break_out_of_the_script_tag_it_is_pasted_into(seed_sheet):
    # ClaimReview JSON-LD goes inside <script type="application/ld+json">; the verified claim
    # (the one with a ClaimReview) gets a quote that would end that script and start another.
    breakout = "up to 6,000 </script><script>alert(1)</script> <!-- & \u2028\u2029 troops"
    claim = Claim.objects.get(unit="National Guard troops")
    claim.quote = breakout
    claim.save()
    claim.notes.update(body="Checked & confirmed </SCRIPT > \u2028")
    body = render(build_context(seed_sheet), "jsonld")
    text = body.decode()
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    review = json.loads(body)["@graph"][0]
    assert review["claimReviewed"] == breakout  # the same words, read back
    assert review["reviewRating"]["ratingExplanation"] == "Checked & confirmed </SCRIPT > \u2028"


def test_a_hostile_quote_is_escaped_in_html(hostile_context):
    html = render(hostile_context, "html").decode()
    assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=http://evil.example/x.png&gt;" in html


def test_a_hostile_quote_is_inert_in_the_pdf(hostile_context):
    fetcher = refusing_fetcher()
    pdf = render_pdf(hostile_context, fetcher=fetcher)
    assert fetcher.attempts == []
    assert b"/EmbeddedFile" not in pdf and b"/FileAttachment" not in pdf
    text = pdf_text(pdf)
    assert "<script>alert(1)</script>" in text  # shown as the words it is, not run
    assert "<img src=http://evil.example/x.png>" in text


def test_the_pdf_fetcher_refuses_every_url_it_is_asked_for(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    fetcher = refusing_fetcher()
    hostile = (
        f'<img src="http://evil.example/x.png"><link rel="attachment" href="{secret.as_uri()}">'
        f'<link rel="stylesheet" href="{secret.as_uri()}"><p>text</p>'
    )
    pdf = HTML(string=hostile, url_fetcher=fetcher).write_pdf()
    assert set(fetcher.attempts) == {"http://evil.example/x.png", secret.as_uri()}
    assert b"/EmbeddedFile" not in pdf
    assert "TOP-SECRET-CONTENT" not in pdf_text(pdf)


def pages_asking_for(base: str) -> str:
    return (
        f'<link rel="stylesheet" href="{base}/sheet.css"><style>@import url("{base}/more.css");'
        f'p {{ background: url("{base}/background.png") }}</style>'
        f'<p>text</p><img src="{base}/pixel.png"><link rel="attachment" href="{base}/file.png">'
    )


def test_the_pdf_fetcher_sends_nothing_to_a_listening_server():
    with listener() as (base, requests):
        HTML(string=pages_asking_for(base), url_fetcher=refusing_fetcher()).write_pdf()
    assert requests == []


def test_the_listener_does_hear_weasyprints_own_fetcher():
    # The control: without the refusing fetcher, the same page reaches the listener.
    with listener() as (base, requests):
        HTML(string=pages_asking_for(base)).write_pdf()
    assert "/pixel.png" in requests


def test_a_hostile_quote_cannot_run_as_a_formula_in_csv(hostile_context):
    rows = csv_rows(render(hostile_context, "csv"))
    assert rows[2]["quote"] == HOSTILE  # starts with "He said": kept as is, quoted by csv
    assert rows[2]["sheet_note"] == "'=1+2 <b>bold</b>"


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(1)"])
def test_cells_that_start_like_a_formula_are_neutralised(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["up to 6,000", "", "a=b", "800", "-12.5"])
def test_ordinary_cells_and_plain_numbers_are_left_alone(text):
    assert csv_safe(text) == text


def test_a_hostile_quote_is_inert_in_markdown(hostile_context):
    md = render(hostile_context, "md").decode()
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md


@pytest.mark.parametrize(
    "text, escaped",
    [
        # With both brackets escaped, "(" cannot open a link target: it is left as written.
        ("[click](http://evil.example)", "\\[click\\](http://evil.example)"),
        ("![x](y)", "\\!\\[x\\](y)"),
        ("Migrant Protection Protocols (MPP)", "Migrant Protection Protocols (MPP)"),
        ("1) item", "1\\) item"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("# heading", "\\# heading"),
        ("- item\n+ item\n1. item", "\\- item\n\\+ item\n1\\. item"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("up to 6,000 troops", "up to 6,000 troops"),
    ],
)
def test_markdown_escape_leaves_no_markup(text, escaped):
    assert markdown_escape(text) == escaped


def test_markdown_links_only_to_the_web():
    assert markdown_url("javascript:alert(1)") == ""
    assert markdown_url("https://a.example/x (1)") == "https://a.example/x%20%281%29"


def test_hostile_text_in_an_embedded_timeline_chart_stays_inert(db):
    """The timeline SVG is embedded unescaped (it is markup); its text must arrive escaped."""
    from claims.factsheets.services import sheet_add_claims, sheet_create
    from tests import factories

    measure = factories.measure(
        label='Troops <img src="http://evil.example/m.png"><script>x()</script>'
    )
    claims = [
        factories.claim(measure=measure, unit="<b>troops</b>", quote=f"{HOSTILE} ({n})")
        for n in range(2)
    ]
    sheet = sheet_create(title="Hostile chart")
    sheet_add_claims(sheet=sheet, claims=claims)
    context = build_context(sheet)
    assert len(context["charts"]) == 1
    html = render(context, "html").decode()
    assert "<script" not in html and "<img" not in html and "<b>troops" not in html
    fetcher = refusing_fetcher()
    pdf = render_pdf(context, fetcher=fetcher)
    assert fetcher.attempts == []
    assert b"/EmbeddedFile" not in pdf
