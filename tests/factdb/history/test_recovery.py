"""An administrator brings back a deleted source, note or fact sheet from its history."""

import pytest
from django.urls import reverse

from claims.factsheets.services import sheet_add_claims, sheet_create
from claims.models import FactSheet, VerificationNote
from claims.services import note_add
from factdb.history.recovery import deleted_records
from sources.models import Source
from tests import factories

DELETED = reverse("deleted-records")


def restore_url(record):
    opts = record.instance_type._meta
    return reverse(
        "deleted-record-restore", args=[opts.app_label, opts.model_name, record.history_id]
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def delete_in_admin(client, obj):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_deleted_source_comes_back_with_its_id_fields_and_dates(admin_client, admin_user):
    source = factories.source(title="Deleted by mistake", authors="A. Writer")
    before = Source.objects.values().get(pk=source.pk)
    delete_in_admin(admin_client, source)
    assert not Source.objects.filter(pk=before["id"]).exists()

    listing = admin_client.get(DELETED)
    assert "Deleted by mistake" in listing.content.decode()
    record = deleted_records(Source)[0]
    response = admin_client.post(restore_url(record))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sources_source_change", args=[before["id"]])
    after = Source.objects.values().get(pk=before["id"])
    # All of it, the text snapshot and its SHA-256 included.
    assert after == before
    assert after["text"] and after["text_sha256"]
    latest = Source.history.filter(id=before["id"]).latest()
    assert (latest.history_type, latest.history_user) == ("+", admin_user)
    assert latest.history_change_reason.startswith("Restored after its deletion on ")
    assert deleted_records(Source) == []


def test_a_deleted_note_comes_back_with_its_author_and_date(admin_client, editor, claim):
    note = note_add(claim=claim, author=editor, body="Checked against the decree.")
    created_at = note.created_at
    delete_in_admin(admin_client, note)

    admin_client.post(restore_url(deleted_records(VerificationNote)[0]))

    restored = VerificationNote.objects.get(pk=note.pk)
    assert (restored.author, restored.body, restored.created_at) == (
        editor,
        "Checked against the decree.",
        created_at,
    )


def test_a_deleted_note_comes_back_with_its_evidence_sources(admin_client, editor, claim):
    decree, report = factories.source(title="Decree"), factories.source(title="Report")
    note = note_add(
        claim=claim, author=editor, body="Both agree.", evidence_sources=[decree, report]
    )
    assert note.history.count() == 1  # the sources are in the note's one record
    delete_in_admin(admin_client, note)

    response = admin_client.post(restore_url(deleted_records(VerificationNote)[0]))

    assert response.status_code == 302
    restored = VerificationNote.objects.get(pk=note.pk)
    assert set(restored.evidence_sources.all()) == {decree, report}
    latest = restored.history.latest()
    assert latest.history_type == "+"
    assert {row.source_id for row in latest.evidence_sources.all()} == {decree.pk, report.pk}


def test_a_note_whose_evidence_source_is_gone_says_so_and_stays_deleted(
    admin_client, editor, claim
):
    decree = factories.source(title="Decree")
    note = note_add(claim=claim, author=editor, body="Per the decree.", evidence_sources=[decree])
    delete_in_admin(admin_client, note)
    delete_in_admin(admin_client, decree)

    response = admin_client.post(restore_url(deleted_records(VerificationNote)[0]), follow=True)

    assert "restore those first" in response.content.decode()
    assert not VerificationNote.objects.filter(pk=note.pk).exists()


def test_a_deleted_fact_sheet_comes_back_with_its_claims_in_order(admin_client, journalist, source):
    claims = [factories.claim(source=source, value=n, quote=f"{n} troops") for n in (3, 1, 2)]
    sheet = sheet_create(title="Border troops", user=journalist)
    sheet_add_claims(sheet=sheet, claims=claims)
    pk = sheet.pk
    sheet.delete()

    admin_client.post(restore_url(deleted_records(FactSheet)[0]))

    restored = FactSheet.objects.get(pk=pk)
    assert restored.created_by == journalist
    assert [item.claim for item in restored.items.order_by("position")] == claims


def test_an_item_removed_from_a_sheet_earlier_stays_removed(admin_client, journalist, source):
    kept, removed = factories.claim(source=source), factories.claim(source=source, value=1)
    sheet = sheet_create(title="Border troops", user=journalist)
    sheet_add_claims(sheet=sheet, claims=[kept, removed])
    item = sheet.items.get(claim=removed)
    item_pk, added_at = item.pk, item.history.latest().history_date
    item.delete()
    # Deleted on its own, long before the sheet.
    item.history.model.objects.filter(id=item_pk, history_type="-").update(
        history_date=added_at.replace(year=2000)
    )
    pk = sheet.pk
    sheet.delete()

    admin_client.post(restore_url(deleted_records(FactSheet)[0]))

    assert [i.claim for i in FactSheet.objects.get(pk=pk).items.all()] == [kept]


def test_a_restore_that_would_break_a_unique_rule_says_why_and_writes_nothing(admin_client):
    source = factories.source(url="https://news.example/taken")
    pk = source.pk
    source.delete()
    factories.source(url="https://news.example/taken")
    records_before = Source.history.count()

    response = admin_client.post(restore_url(deleted_records(Source)[0]), follow=True)

    assert "cannot come back" in response.content.decode()
    assert "already has this URL" in response.content.decode()
    assert not Source.objects.filter(pk=pk).exists()
    assert Source.history.count() == records_before


def test_editors_and_journalists_cannot_list_or_restore_deleted_rows(client, editor, journalist):
    source = factories.source()
    source.delete()
    record = deleted_records(Source)[0]
    for user in (editor, journalist):
        client.force_login(user)
        assert client.get(DELETED).status_code == 403
        assert client.post(restore_url(record)).status_code == 403
    assert not Source.objects.filter(pk=record.id).exists()


def test_restore_is_a_post(admin_client):
    source = factories.source()
    source.delete()
    assert admin_client.get(restore_url(deleted_records(Source)[0])).status_code == 405


def test_the_admin_index_links_to_deleted_records_for_those_who_may_restore(
    client, admin_user, editor
):
    client.force_login(admin_user)
    assert DELETED in client.get(reverse("admin:index")).content.decode()
    client.force_login(editor)
    assert DELETED not in client.get(reverse("admin:index")).content.decode()
