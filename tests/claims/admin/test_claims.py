"""The editor's day-one admin: readable figures, notes, history with who changed what."""

import pytest
from django.urls import reverse

from claims.models import Claim, Status, VerificationNote
from tests import factories


def change_form_data(claim, **overrides):
    data = {
        "status": claim.status,
        "source": claim.source_id,
        "quote": claim.quote,
        "summary": claim.summary,
        "claimant": "",
        "attribution": claim.attribution,
        "value": str(claim.value),
        "hedge": claim.hedge,
        "value_low": "",
        "value_high": "",
        "unit": claim.unit,
        "currency": "",
        "rate_period": "",
        "claim_date": claim.claim_date.isoformat(),
        "period_start": "",
        "period_end": "",
        "place": "",
        "measure": "",
        "assignee": "",
        "origin": claim.origin,
        "quote_start": "",
        "quote_end": "",
        "version": claim.version,
    }
    for prefix in ("notes", "notes-2"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_claim_list_shows_the_figure_as_a_person_reads_it(editor_client, claim):
    response = editor_client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 200
    assert "up to 6,000 National Guard troops" in response.content.decode()


def test_claim_list_filters_and_search(editor_client, claim):
    url = reverse("admin:claims_claim_changelist")
    assert editor_client.get(url, {"status__exact": "unverified", "q": "Guard"}).status_code == 200
    assert "6,000" in editor_client.get(url, {"q": "Guard"}).content.decode()
    assert "6,000" not in editor_client.get(url, {"q": "nothing-like-it"}).content.decode()


def test_admin_edit_is_recorded_with_its_author_and_change(editor_client, editor, claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = editor_client.post(url, change_form_data(claim, summary="Guard deployment"))
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = claim.history.latest()
    assert latest.history_user == editor
    delta = latest.diff_against(latest.prev_record)
    assert ("summary", "", "Guard deployment") in [(c.field, c.old, c.new) for c in delta.changes]


def test_the_claim_form_cannot_set_a_verdict_without_a_note(editor_client, claim):
    # The Status dropdown once let an editor publish "verified" with no note behind it.
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="status"' not in page
    response = editor_client.post(url, change_form_data(claim, status=Status.VERIFIED))
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.status == Status.UNVERIFIED
    assert not claim.notes.exists()


def test_a_verdict_through_the_note_form_changes_the_status_with_its_note(editor_client, claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_form_data(claim)
    data.update(
        {
            "notes-2-TOTAL_FORMS": 1,
            "notes-2-0-body": "Matches the foreign ministry's statement.",
            "notes-2-0-status_to": Status.VERIFIED,
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.status == Status.VERIFIED
    [note] = claim.notes.all()
    assert (note.status_from, note.status_to) == (Status.UNVERIFIED, Status.VERIFIED)


def test_admin_refuses_to_save_over_a_newer_version(editor_client, claim):
    stale = change_form_data(claim, summary="mine")
    claim.summary = "theirs"
    claim.save()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = editor_client.post(url, stale)
    assert response.status_code == 200
    assert "Someone else saved this claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.summary == "theirs"


def test_note_added_in_the_admin_records_the_status_change(editor_client, editor, claim):
    data = change_form_data(claim)
    data.update(
        {
            "notes-2-TOTAL_FORMS": 1,
            "notes-2-0-body": "Confirmed against the joint declaration.",
            "notes-2-0-status_to": Status.VERIFIED,
            "notes-2-0-evidence_url": "",
            "notes-2-0-evidence_quote": "",
        }
    )
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    note = VerificationNote.objects.get(claim=claim)
    assert (note.author, note.status_from, note.status_to) == (editor, "unverified", "verified")
    assert Claim.objects.get(pk=claim.pk).status == Status.VERIFIED


def test_every_model_has_a_history_page(admin_client, claim):
    for name, obj in [("claims_claim", claim), ("sources_source", claim.source)]:
        response = admin_client.get(reverse(f"admin:{name}_history", args=[obj.pk]))
        assert response.status_code == 200


def test_journalist_cannot_change_a_claim(client, journalist, claim):
    client.force_login(journalist)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert client.get(url).status_code == 200  # may read
    response = client.post(url, change_form_data(claim, summary="journalist edit"))
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.summary == ""


def test_the_admin_index_counts_claims_by_status_with_links_into_the_queue(
    editor_client, editor, source
):
    factories.claim(source=source, assignee=editor)
    factories.claim(source=source, status=Status.IN_REVIEW)
    factories.claim(source=source, status=Status.VERIFIED)
    html = editor_client.get(reverse("admin:index")).content.decode()
    changelist = reverse("admin:claims_claim_changelist")
    assert f'<a href="{changelist}?queue=open"><span class="desk-count">2</span> To review' in html
    assert (
        f'<a href="{changelist}?queue=open&amp;assigned=me"><span class="desk-count">1</span> '
        "Assigned to me"
    ) in html
    assert (
        f'<a href="{changelist}?status__exact=verified"><span class="desk-count">1</span>' in html
    )


def test_the_history_page_reads_as_who_changed_what_and_when(editor_client, editor, claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_form_data(claim, place="Tapachula")
    data.update(
        {"notes-2-TOTAL_FORMS": 1, "notes-2-0-body": "Checking", "notes-2-0-status_to": "in_review"}
    )
    assert editor_client.post(url, data).status_code == 302
    html = editor_client.get(
        reverse("admin:claims_claim_history", args=[claim.pk])
    ).content.decode()
    assert '<strong>status:</strong> <span class="desk-old">unverified</span> → ' in html
    assert '<span class="desk-new">in review</span>' in html
    assert "<strong>place:</strong>" in html
    assert "<strong>version:</strong>" not in html
    assert "<td>eddie</td>" in html
    assert "Revert" not in html and "Choose a date" not in html
