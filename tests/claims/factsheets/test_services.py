"""Adding, ordering and publishing sheets; a published version never changes."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError

from claims.factsheets.renderers import FORMATS
from claims.factsheets.services import (
    sheet_add_claims,
    sheet_create,
    sheet_publish,
    sheet_reorder,
    unique_slug,
    version_render,
)
from claims.models import Claim, FactSheetVersion
from claims.services import note_add
from tests import factories

from .conftest import pdf_info


def positions(sheet):
    return list(sheet.items.order_by("position").values_list("claim_id", flat=True))


def test_adding_claims_appends_them_in_order_and_skips_ones_already_there(db):
    sheet = sheet_create(title="Border")
    first, second, third = (factories.claim(quote=f"quote {n}") for n in range(3))
    sheet_add_claims(sheet=sheet, claims=[first, second])
    added = sheet_add_claims(sheet=sheet, claims=[second, third, third])
    assert [item.claim for item in added] == [third]
    assert positions(sheet) == [first.pk, second.pk, third.pk]
    assert list(sheet.items.order_by("position").values_list("position", flat=True)) == [1, 2, 3]


def test_a_new_sheet_gets_a_unique_slug_from_its_title(db):
    assert sheet_create(title="Border troops").slug == "border-troops"
    assert sheet_create(title="Border troops").slug == "border-troops-2"
    assert unique_slug("¡!") == "fact-sheet"


def test_reordering_puts_items_in_the_given_order(seed_sheet):
    ids = positions(seed_sheet)
    sheet_reorder(sheet=seed_sheet, claim_ids=list(reversed(ids)))
    assert positions(seed_sheet) == list(reversed(ids))


@pytest.mark.parametrize("change", ["drop", "repeat", "stranger"])
def test_reordering_refuses_a_list_that_is_not_the_sheet(seed_sheet, change):
    ids = positions(seed_sheet)
    wrong = {"drop": ids[1:], "repeat": [*ids, ids[0]], "stranger": [*ids[1:], 999999]}[change]
    with pytest.raises(ValidationError, match="exactly once"):
        sheet_reorder(sheet=seed_sheet, claim_ids=wrong)
    assert positions(seed_sheet) == ids


def test_publishing_freezes_numbered_versions(seed_sheet, editor):
    first = sheet_publish(sheet=seed_sheet, user=editor)
    second = sheet_publish(sheet=seed_sheet, user=editor)
    assert (first.number, second.number) == (1, 2)
    assert first.context["version"] == 1 and first.context["published"] is True
    assert first.published_by == editor
    assert seed_sheet.versions.count() == 2
    assert first.history.count() == 1
    reasons = [(r.history_change_reason, r.history_user) for r in seed_sheet.history.all()]
    assert ("published version 2", editor) in reasons and ("published version 1", editor) in reasons


def test_the_permalink_in_a_published_version_is_absolute_when_a_base_url_is_given(
    seed_sheet, editor
):
    version = sheet_publish(sheet=seed_sheet, user=editor, base_url="https://factdb.example/")
    # The version's public page, not an API export behind a token.
    assert version.context["url"] == f"https://factdb.example/sheets/{seed_sheet.slug}/v1/"


def test_a_published_version_is_immutable(seed_sheet, editor):
    version = sheet_publish(sheet=seed_sheet, user=editor)
    version.context = {}
    with pytest.raises(ValidationError, match="immutable"):
        version.save()


def edit_everything_behind(sheet, editor):
    """Change a claim, its note, its source and the sheet after publication."""
    claim = Claim.objects.get(unit="National Guard troops")
    claim.value, claim.quote = 7000, "up to 7,000 National Guard troops"
    claim.save()
    note_add(claim=claim, author=editor, body="Revised: 7,000.", status_to="disputed")
    claim.source.title = "Retitled"
    claim.source.save()
    sheet.title = "Renamed"
    sheet.save()
    sheet_add_claims(sheet=sheet, claims=[factories.claim(quote="new claim")])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_published_version_renders_byte_for_byte_the_same_after_edits(seed_sheet, editor, fmt):
    published = sheet_publish(sheet=seed_sheet, user=editor)
    before = version_render(published, fmt)
    edit_everything_behind(seed_sheet, editor)
    after = version_render(FactSheetVersion.objects.get(pk=published.pk), fmt)
    assert after == before
    if fmt != "pdf":
        assert "up to 6,000 National Guard troops" in before.decode("utf-8-sig")
        assert "7,000" not in after.decode("utf-8-sig")


def test_the_pdf_of_a_version_carries_its_publication_time_not_the_clock(seed_sheet, editor):
    published = sheet_publish(sheet=seed_sheet, user=editor)
    pdf = version_render(published, "pdf")
    stamp = datetime.datetime.fromisoformat(published.context["generated_at"])
    info = pdf_info(pdf)
    assert info["CreationDate"] == info["ModDate"] == stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert abs(published.published_at - stamp) < datetime.timedelta(seconds=2)


def test_reordering_records_each_moved_item_in_its_history(seed_sheet):
    # A bulk QuerySet.update() would move the items and leave their history silent.
    ids = positions(seed_sheet)
    before = {item.pk: item.history.count() for item in seed_sheet.items.all()}
    sheet_reorder(sheet=seed_sheet, claim_ids=list(reversed(ids)))
    for item in seed_sheet.items.all():
        assert item.history.count() == before[item.pk] + 1
        latest = item.history.order_by("-history_date", "-history_id").first()
        assert (latest.history_type, latest.position) == ("~", item.position)
    assert seed_sheet.history.order_by("-history_id").first().history_change_reason == "reordered"


def test_publishing_a_version_the_sheet_already_has_returns_it(seed_sheet, editor):
    first = sheet_publish(sheet=seed_sheet, user=editor, number=1)

    again = sheet_publish(sheet=seed_sheet, user=editor, number=1)

    assert again.pk == first.pk and seed_sheet.versions.count() == 1
    with pytest.raises(ValidationError, match="cannot be next"):
        sheet_publish(sheet=seed_sheet, user=editor, number=5)


@pytest.mark.django_db(transaction=True)
def test_four_publish_requests_at_once_make_one_version(editor, journalist):
    """Four journalists press "Publish version 1" at the same moment: real threads, each with
    its own connection, released together."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    cache.clear()
    sheet = sheet_create(title="Race", user=editor)
    sheet_add_claims(sheet=sheet, claims=[factories.claim()])
    url = reverse("admin:claims_factsheet_publish", args=[sheet.pk])
    barrier, statuses = threading.Barrier(4), []

    def publish():
        client = Client()
        client.force_login(journalist)
        try:
            barrier.wait(timeout=30)
            statuses.append(client.post(url, {"number": "1"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [302] * 4
    assert list(sheet.versions.values_list("number", flat=True)) == [1]
