"""A news page, a Spanish page and a two-page PDF, each served from our own loopback server
and imported end to end with `import_source URL --extract`: the metadata the document carries,
the body and nothing else as text, and proposals for every figure of the article and none of
the furniture's. Then refusals (nothing stored) and idempotence (same URL, same bytes,
a changed page)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Claim
from sources.models import Publisher, Source
from tests.sources import pages
from tests.test_bad_input import row_counts

pytestmark = pytest.mark.usefixtures("allow_loopback")


def run_import(target, *args):
    call_command("import_source", target, "--extract", *args)
    return Source.objects.order_by("-pk").first()


def figures(source):
    return sorted((claim.value, claim.unit) for claim in source.claims.all())


def test_a_news_page_comes_in_with_its_metadata_its_body_and_only_its_figures(db, site):
    url = site.add("/2019/06/07/troops", pages.news_page())
    source = run_import(url)

    assert source.title == "Mexico sends up to 6,000 troops south"
    assert source.publisher.name == "The Border Times"
    assert source.authors == "Ana Ruiz, John Smith"
    assert (source.published_on, source.date_precision) == (datetime.date(2019, 6, 7), "day")
    assert source.language == "en-US"
    assert source.url == url and source.retrieved_at is not None
    assert len(source.raw_sha256) == 64
    assert source.text.startswith("Mexico will deploy up to 6,000 National Guard troops")
    assert "$3.1 billion of goods" in source.text  # &nbsp; read as a space
    for furniture in pages.NEWS_FURNITURE:
        assert furniture not in source.text
    assert figures(source) == [
        (Decimal("90"), "days"),
        (Decimal("6000"), "National Guard troops"),
        (Decimal("80500"), "migrants"),
        (Decimal("3100000000"), "USD"),
    ]
    for claim in source.claims.all():
        assert source.text[claim.quote_start : claim.quote_end] == claim.quote


def test_command_line_metadata_overrides_what_the_page_says(db, site):
    url = site.add("/story", pages.news_page())
    source = run_import(
        url,
        "--title",
        "Troops south",
        "--publisher",
        "Wire",
        "--published",
        "2019-06",
        "--language",
        "en",
        "--authors",
        "Desk",
    )
    assert (source.title, source.publisher.name, source.authors) == ("Troops south", "Wire", "Desk")
    assert (source.published_on, source.date_precision) == (datetime.date(2019, 6, 1), "month")
    assert source.language == "en"


def test_a_page_that_does_not_say_its_date_needs_published(db, site):
    page = pages.news_page(json_ld=False).replace(
        '<meta property="article:published_time" content="2019-06-07T10:00:00-05:00">', ""
    )
    url = site.add("/undated", page)
    before = row_counts()
    with pytest.raises(CommandError, match="--published: the document does not say its published"):
        run_import(url)
    assert row_counts() == before
    source = run_import(url, "--published", "2019")
    assert (source.published_on, source.date_precision) == (datetime.date(2019, 1, 1), "year")


def test_a_spanish_page_keeps_its_language_and_its_figures(db, site):
    source = run_import(site.add("/nota", pages.spanish_page()))
    assert source.title == "Marina refuerza los puertos del Pacífico"
    assert source.publisher.name == "Diario del Puerto"
    assert source.authors == "Lucía Méndez"
    assert (source.published_on, source.date_precision) == (datetime.date(2021, 3, 15), "day")
    assert source.language == "es-MX"
    assert source.text == "\n\n".join(pages.SPANISH_BODY)
    units = {claim.unit for claim in source.claims.all()}
    assert "MXN" in units and "días" in units
    # Nothing from the navigation ($49 a month), the sidebar (10 destinations) or the footer.
    assert not {"empleados", "destinos"} & units
    assert not {Decimal(49), Decimal(10), Decimal(250), Decimal(2021)} & set(
        source.claims.values_list("value", flat=True)
    )


def test_a_spanish_page_reads_mexican_thousands(db, site):
    source = run_import(site.add("/nota", pages.spanish_page()))
    assert (Decimal("6000"), "efectivos") in figures(source)


def test_a_two_page_pdf_comes_in_without_its_running_header_and_footer(db, site):
    url = site.add("/report.pdf", pages.report_pdf(), "application/pdf")
    source = run_import(url, "--publisher", "Commission on Migration")

    assert source.title == "Border Shelter Review"
    assert source.authors == "Commission on Migration"
    assert (source.published_on, source.date_precision) == (datetime.date(2021, 4, 12), "day")
    assert source.kind == "report" and source.language == "en"
    assert pages.REPORT_HEADER not in source.text and "Confidential" not in source.text
    assert "Page 1" not in source.text and "of 2" not in source.text
    assert source.text.split("\n\n") == [p for page in pages.REPORT_PAGES for p in page]
    by_value = {claim.value: claim for claim in source.claims.all()}
    assert set(by_value) == {Decimal(n) for n in ("2400", "1100", "84", "3000", "150")}
    assert source.page_at(by_value[Decimal("2400")].quote_start) == 1
    assert source.page_at(by_value[Decimal("84")].quote_start) == 1
    assert source.page_at(by_value[Decimal("3000")].quote_start) == 2
    assert source.page_at(by_value[Decimal("150")].quote_start) == 2


def test_a_scanned_pdf_is_refused_with_the_reason(db, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pages.image_only_pdf())
    before = row_counts()
    with pytest.raises(CommandError, match="no text layer .* probably a scan"):
        call_command("import_source", str(path), "--publisher", "P", "--published", "2020")
    assert row_counts() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (bytes(range(256)) * 64, "binary data|not UTF-8"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary data|not UTF-8"),
        (b"%PDF-1.7\nnonsense", "PDF could not be read"),
    ],
    ids=["garbage", "empty", "png", "broken pdf"],
)
def test_files_that_are_not_documents_are_refused_and_nothing_is_stored(
    db, tmp_path, content, message
):
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    before = row_counts()
    with pytest.raises(CommandError, match=message):
        call_command(
            "import_source", str(path), "--title", "T", "--publisher", "P", "--published", "2020"
        )
    assert row_counts() == before


def test_a_50_megabyte_file_is_refused_before_it_is_read(db, tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    before = row_counts()
    with pytest.raises(CommandError, match="52,428,800 bytes is over the 20,971,520-byte limit"):
        call_command("import_source", str(path), "--publisher", "P", "--published", "2020")
    assert row_counts() == before


def test_loopback_and_metadata_urls_are_refused_by_default(db, site, settings):
    settings.FACTDB_FETCH_ALLOW_PRIVATE = ""
    before = row_counts()
    for url, kind in [
        (site.add("/story", pages.news_page()), "loopback"),
        ("http://169.254.169.254/latest/meta-data/iam/", "cloud metadata"),
    ]:
        with pytest.raises(CommandError, match=f"{kind} address; factdb fetches only public"):
            run_import(url)
    assert row_counts() == before and site.hits == []


def test_a_redirect_to_a_private_address_is_refused_and_nothing_stored(db, site):
    url = site.redirect("/short", "http://169.254.169.254/latest/meta-data/")
    before = row_counts()
    with pytest.raises(CommandError, match="cloud metadata address"):
        run_import(url)
    assert row_counts() == before


def test_the_same_url_after_redirects_or_the_same_bytes_make_no_second_source(db, site):
    final = site.add("/story", pages.news_page())
    first = run_import(final)
    count = Claim.objects.count()

    assert run_import(site.redirect("/s/abc", final)).pk == first.pk
    site.add("/copy", pages.news_page())  # the same bytes at another address
    assert run_import(site.url("/copy")).pk == first.pk
    assert Source.objects.count() == 1 and Publisher.objects.count() == 1
    assert Claim.objects.count() == count


def test_a_changed_page_is_a_new_snapshot_of_the_same_source_with_its_figure_changes(db, site):
    url = site.add("/story", pages.news_page())
    source = run_import(url)
    old_claim = source.claims.get(value=6000)
    body = [pages.NEWS_BODY[0].replace("6,000", "7,000"), *pages.NEWS_BODY[1:]]
    site.add("/story", pages.news_page(body=body))

    again = run_import(url)

    assert again.pk == source.pk and Source.objects.count() == 1
    assert "up to 7,000 National Guard troops" in again.text
    assert "Figures added “up to 7,000 National Guard troops”; removed “up to 6,000" in again.notes
    snapshots = [record.text for record in again.history.order_by("history_date")]
    assert any("6,000" in text for text in snapshots) and "7,000" in snapshots[-1]
    assert again.history.latest().history_change_reason.startswith("New snapshot")
    # The old figure's claim stays, its quote no longer in the text, so no longer anchored.
    old_claim.refresh_from_db()
    assert old_claim.quote_start is None and "6,000" in old_claim.quote
    assert again.claims.filter(value=7000).exists()
    for claim in again.claims.exclude(quote_start=None):
        assert again.text[claim.quote_start : claim.quote_end] == claim.quote
