"""A published sheet's public page (/sheets/<slug>/): token-free when the operator allows it,
with its ClaimReview JSON-LD embedded safely; permalinks, the PDF footer and ClaimReview `url`s
on FACTDB_PUBLIC_URL; the organisation's name and logo from the settings."""

import base64
import json
import re
import subprocess

import pytest
from django.core import checks
from django.test import Client

from claims.factsheets.context import build_context
from claims.factsheets.renderers import refusing_fetcher, render, render_pdf
from claims.factsheets.services import sheet_add_claims, sheet_create, sheet_publish
from claims.models import Status
from claims.services import note_add
from tests import factories

from .conftest import pdf_text

PUBLIC = "https://facts.example.org"
# A 1x1 PNG, written for the test.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def embedded_jsonld(html: str) -> dict:
    [body] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(body)


@pytest.fixture
def published(seed_sheet, editor, settings):
    settings.FACTDB_PUBLIC_URL = PUBLIC
    return sheet_publish(sheet=seed_sheet, user=editor, base_url="http://127.0.0.1:8000/")


def test_the_permalink_is_the_public_page_on_the_public_address(published):
    slug = published.sheet.slug
    assert published.context["url"] == f"{PUBLIC}/sheets/{slug}/v1/"
    graph = json.loads(render(published.context, "jsonld"))["@graph"]
    assert all(review["url"].startswith(f"{PUBLIC}/sheets/{slug}/v1/#claim-") for review in graph)


def test_the_pdf_footer_names_the_public_page_not_the_api(published):
    text = pdf_text(render(published.context, "pdf"))
    assert f"{PUBLIC}/sheets/{published.sheet.slug}/v1/" in text.replace(" ", "")
    assert "127.0.0.1" not in text and "/api/" not in text


def test_without_a_public_address_the_permalink_is_the_page_where_it_was_published(
    seed_sheet, editor, settings
):
    settings.FACTDB_PUBLIC_URL = ""
    version = sheet_publish(sheet=seed_sheet, user=editor, base_url="https://desk.example/")
    assert version.context["url"] == f"https://desk.example/sheets/{seed_sheet.slug}/v1/"


@pytest.mark.parametrize(
    ("public_read", "who", "status"),
    [
        (True, None, 200),
        (False, None, 404),
        (False, "journalist", 200),
        (False, "editor", 200),
    ],
)
def test_who_reads_the_public_page(published, settings, public_read, who, status, request):
    settings.FACTDB_PUBLIC_READ = public_read
    client = Client()
    if who:
        client.force_login(request.getfixturevalue(who))
    slug = published.sheet.slug
    for path in (f"/sheets/{slug}/", f"/sheets/{slug}/v1/", "/sheets/"):
        assert client.get(path).status_code == status, path


def test_the_page_embeds_the_reviews_and_names_no_staff(published, settings, editor):
    settings.FACTDB_PUBLIC_READ = True
    html = Client().get(f"/sheets/{published.sheet.slug}/").content.decode()
    graph = embedded_jsonld(html)["@graph"]
    assert [r["claimReviewed"] for r in graph] == [
        "up to 6,000 National Guard troops",
        "1,500 active duty troops",
        "more than $800 a year",
    ]
    assert {r["author"]["name"] for r in graph} == {"factdb newsroom"}
    assert editor.username not in html
    assert '<html lang="en' in html and "<main" in html and "<footer" in html
    # Each review's url is an element of this very page.
    for review in graph:
        assert f'id="{review["url"].split("#")[1]}"' in html


@pytest.mark.parametrize(
    ("number", "status"), [("1", 200), ("2", 404), ("0", 404), ("x", 404), ("99999999999", 404)]
)
def test_a_version_that_does_not_exist_is_a_404(published, settings, number, status):
    settings.FACTDB_PUBLIC_READ = True
    assert Client().get(f"/sheets/{published.sheet.slug}/v{number}/").status_code == status


def test_a_sheet_never_published_has_no_public_page(seed_sheet, settings):
    settings.FACTDB_PUBLIC_READ = True
    assert Client().get(f"/sheets/{seed_sheet.slug}/").status_code == 404
    assert seed_sheet.title not in Client().get("/sheets/").content.decode()


def test_a_hostile_quote_cannot_leave_the_json_ld_script(db, editor, settings):
    settings.FACTDB_PUBLIC_READ = True
    hostile = 'up to 6,000 troops</script><script>alert(1)</script><!-- "\u2028'
    claim = factories.claim(quote=hostile)
    note_add(claim=claim, author=editor, body="</script>checked", status_to=Status.VERIFIED)
    sheet = factories_sheet(editor, [claim])
    sheet_publish(sheet=sheet, user=editor)
    html = Client().get(f"/sheets/{sheet.slug}/").content.decode()
    script = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(script) == 1 and "<" not in script[0]
    assert "<script>alert(1)" not in html
    assert embedded_jsonld(html)["@graph"][0]["claimReviewed"] == hostile


def factories_sheet(editor, claims):
    sheet = sheet_create(title="Hostile", user=editor)
    sheet_add_claims(sheet=sheet, claims=claims)
    return sheet


def test_the_organisation_name_and_logo_come_from_the_settings(
    seed_sheet, editor, settings, tmp_path
):
    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL)
    settings.FACTDB_ORG_NAME = "The Border Desk"
    settings.FACTDB_ORG_LOGO = str(logo)
    context = sheet_publish(sheet=seed_sheet, user=editor).context
    assert context["newsroom"] == "The Border Desk"
    assert context["logo"] == {"media_type": "image/png", "data": base64.b64encode(PIXEL).decode()}
    html = render(context, "html").decode()
    assert "Fact sheet · The Border Desk" in html and "data:image/png;base64," in html


def test_the_pdf_draws_the_logo_and_fetches_nothing_else(seed_sheet, editor, settings, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL)
    settings.FACTDB_ORG_LOGO = str(logo)
    context = sheet_publish(sheet=seed_sheet, user=editor).context
    fetcher = refusing_fetcher(context["logo"])
    pdf = render_pdf(context, fetcher=fetcher)
    assert [url.split(",")[0] for url in fetcher.attempts] == ["data:image/png;base64"]
    target = tmp_path / "sheet.pdf"
    target.write_bytes(pdf)
    listed = subprocess.run(
        ["pdfimages", "-list", str(target)], capture_output=True, check=True
    ).stdout.decode()
    images = [line.split() for line in listed.splitlines()[2:]]  # after poppler's header
    drawn = [(row[3], row[4]) for row in images if row[2] == "image"]
    assert drawn == [("1", "1")]  # the 1x1 pixel


def test_a_logo_from_the_static_files_works_too(seed_sheet, settings):
    settings.FACTDB_ORG_LOGO = "admin/img/icon-yes.svg"
    assert build_context(seed_sheet)["logo"]["media_type"] == "image/svg+xml"


@pytest.mark.parametrize(
    ("configured", "problem"),
    [
        ("https://cdn.example/logo.png", "not a URL"),
        ("no/such/logo.png", "names no file"),
        ("README.md", "PNG, JPEG, GIF, WebP or SVG"),
    ],
)
def test_a_logo_sheets_cannot_embed_is_named_at_start_up(settings, configured, problem):
    settings.FACTDB_ORG_LOGO = configured
    errors = [e for e in checks.run_checks() if e.id == "factdb.E001"]
    assert len(errors) == 1 and problem in errors[0].msg


def test_view_site_leads_to_the_published_sheets_not_back_to_the_admin(client, editor):
    client.force_login(editor)
    index = client.get("/admin/").content.decode()
    assert 'href="/sheets/"' in index
    assert client.get("/sheets/").status_code == 200


def test_the_list_of_sheets_comes_in_pages(db, editor, settings, monkeypatch):
    from claims.factsheets import public

    monkeypatch.setattr(public, "SHEETS_PER_PAGE", 2)
    settings.FACTDB_PUBLIC_READ = True
    claim = factories.claim()
    titles = []
    for n in range(5):
        sheet = sheet_create(title=f"Sheet {n}", user=editor)
        sheet_add_claims(sheet=sheet, claims=[claim])
        sheet_publish(sheet=sheet, user=editor, base_url="http://127.0.0.1:8000/")
        titles.append(sheet.title)
    pages = [Client().get("/sheets/", {"page": n}).content.decode() for n in (1, 2, 3)]
    shown = [[t for t in titles if f">{t}<" in page] for page in pages]
    assert [len(s) for s in shown] == [2, 2, 1]
    assert sorted(sum(shown, [])) == titles  # each sheet on exactly one page
    assert shown[0] == ["Sheet 3", "Sheet 4"]  # the newest published: listed first
    assert pages[0].index(">Sheet 4<") < pages[0].index(">Sheet 3<")
    assert 'rel="next" href="?page=2"' in pages[0] and 'rel="prev"' not in pages[0]
    assert "Page 3 of 3" in pages[2] and 'rel="next"' not in pages[2]
    for bad in ("4", "0", "x"):
        assert Client().get("/sheets/", {"page": bad}).status_code == 404
