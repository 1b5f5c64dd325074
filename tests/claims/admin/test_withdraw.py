"""Withdrawing a source from its page: editors only, a reason required, the claims corrected."""

from django.urls import reverse

from claims.models import Correction, Status
from tests import factories


def withdraw_url(source):
    return reverse("admin:sources_source_withdraw", args=[source.pk])


def test_the_source_page_offers_withdraw_to_editors(client, editor, source):
    client.force_login(editor)
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert withdraw_url(source) in page.content.decode()


def test_a_journalist_is_not_offered_it_and_cannot_post_it(client, journalist, source):
    factories.claim(source=source)
    client.force_login(journalist)
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    assert withdraw_url(source) not in page.content.decode()
    assert client.get(withdraw_url(source)).status_code == 403
    assert client.post(withdraw_url(source), {"reason": "Taken down"}).status_code == 403
    source.refresh_from_db()
    assert source.withdrawn_at is None
    assert not Correction.objects.exists()


def test_withdrawing_corrects_each_claim_not_rejected(client, editor, source):
    kept = factories.claim(source=source)
    factories.claim(source=source, quote="1,500 troops", value=1500, status=Status.REJECTED)
    client.force_login(editor)
    form = client.get(withdraw_url(source))
    assert form.status_code == 200
    assert "its claim, with" in " ".join(form.content.decode().split())  # not the rejected one
    response = client.post(withdraw_url(source), {"reason": "The publisher took it down."})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sources_source_change", args=[source.pk])
    source.refresh_from_db()
    assert source.withdrawn_at is not None
    assert source.withdrawn_reason == "The publisher took it down."
    assert source.history.first().history_user == editor
    correction = Correction.objects.get()
    assert correction.claim == kept
    assert correction.kind == Correction.Kind.SOURCE_WITHDRAWN
    assert correction.by == editor
    page = client.get(response["Location"]).content.decode()
    assert "The publisher took it down." in page  # the Withdrawn fieldset, first on the page
    assert withdraw_url(source) not in page


def test_a_blank_reason_is_a_400_naming_it_and_writes_nothing(client, editor, source):
    factories.claim(source=source)
    client.force_login(editor)
    response = client.post(withdraw_url(source), {"reason": "   "})
    assert response.status_code == 400
    assert "Say why the source is withdrawn." in response.content.decode()
    source.refresh_from_db()
    assert source.withdrawn_at is None
    assert not Correction.objects.exists()


def test_a_second_withdrawal_changes_nothing(client, editor, source):
    factories.claim(source=source)
    client.force_login(editor)
    client.post(withdraw_url(source), {"reason": "First"})
    response = client.post(withdraw_url(source), {"reason": "Second"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.withdrawn_reason == "First"
    assert Correction.objects.count() == 1


def test_an_unknown_source_is_a_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:sources_source_withdraw", args=[999999])).status_code == 404
