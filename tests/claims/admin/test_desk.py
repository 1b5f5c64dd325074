"""The editor's desk in the admin: the claim page's reading panel, decisions from the page and
from the list, and the review-queue filters."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Claim, Origin, Status, VerificationNote
from claims.services import REJECT, claim_decide
from tests import factories

CHANGELIST = "admin:claims_claim_changelist"


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def decide_url(claim):
    return reverse("admin:claims_claim_decide", args=[claim.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def proposal(source):
    return factories.claim(source=source, origin=Origin.EXTRACTED)


# The claim page


def test_the_claim_page_marks_the_quote_inside_its_paragraph(editor_client, claim):
    html = editor_client.get(change_url(claim)).content.decode()
    assert "to mobilize <mark>up to 6,000 National Guard troops</mark> to its southern" in html


def test_source_text_cannot_inject_markup_into_the_claim_page(editor_client):
    source = factories.source(text='<img src=x onerror="alert(1)"> up to 6,000 troops here')
    claim = factories.claim(source=source, quote="up to 6,000 troops")
    html = editor_client.get(change_url(claim)).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>up to 6,000 troops</mark>" in html


def test_the_claim_page_cites_its_source(editor_client):
    source = factories.source(
        title="Mexico deploys troops",
        authors="Ana Pérez",
        published_on=datetime.date(2019, 6, 1),
        date_precision="month",
        url="https://news.example/troops",
    )
    claim = factories.claim(source=source)
    html = editor_client.get(change_url(claim)).content.decode()
    assert "<cite>Mexico deploys troops</cite>" in html
    assert "by Ana Pérez, June 2019" in html
    assert '<a href="https://news.example/troops" rel="noopener noreferrer">' in html


def test_the_claim_page_says_when_the_source_has_no_text(editor_client):
    claim = factories.claim(source=factories.source(text=""))
    html = editor_client.get(change_url(claim)).content.decode()
    assert "The source has no text snapshot" in html
    assert "<mark>" not in html


def test_the_claim_page_says_when_the_text_is_an_excerpt_of_the_source(editor_client, claim):
    excerpt = "text snapshot keeps only the paragraphs that hold the quoted figures"
    assert excerpt not in editor_client.get(change_url(claim)).content.decode()
    claim.source.text_is_excerpt = True
    claim.source.save()
    html = editor_client.get(change_url(claim)).content.decode()
    assert excerpt in html and "<mark>up to 6,000 National Guard troops</mark>" in html


def test_the_source_page_offers_the_excerpt_mark_beside_the_text(editor_client, source):
    html = editor_client.get(reverse("admin:sources_source_change", args=[source.pk])).content
    assert b'name="text_is_excerpt"' in html and b"text is an excerpt" in html.lower()


def test_the_claim_page_lists_the_other_claims_on_the_same_measure(editor_client, source):
    measure = factories.measure(label="Mexican National Guard troops at the border")
    claim = factories.claim(source=source, measure=measure)
    other = factories.claim(
        source=factories.source(), measure=measure, quote="6,500 troops", value=6500, hedge="exact"
    )
    unrelated = factories.claim(source=source, quote="80,500 migrants", value=80500)
    html = editor_client.get(change_url(claim)).content.decode()
    assert "Other claims on “Mexican National Guard troops at the border”" in html
    assert f'href="{change_url(other)}"' in html
    assert f'href="{change_url(unrelated)}"' not in html


def test_the_claim_page_offers_the_five_verdicts_to_an_editor(editor_client, claim):
    html = editor_client.get(change_url(claim)).content.decode()
    for value, label in [
        ("verified", "Verify"),
        ("disputed", "Dispute"),
        ("false", "Mark false"),
        ("misleading", "Mark misleading"),
        ("unverifiable", "Unverifiable"),
    ]:
        assert f'name="decision" value="{value}">{label}</button>' in html
    assert f'name="version" value="{claim.version}"' in html


def test_a_journalist_sees_no_verdict_buttons(client, journalist, claim):
    client.force_login(journalist)
    html = client.get(change_url(claim)).content.decode()
    assert "<mark>" in html  # may read the claim in context
    assert 'name="decision"' not in html
    assert 'name="_save"' not in html


def test_a_proposal_offers_accept_correct_and_reject_instead(editor_client, proposal):
    html = editor_client.get(change_url(proposal)).content.decode()
    assert 'value="accept" formnovalidate>Accept into review</button>' in html
    assert 'href="#claim_form">Correct it in the form below</a>' in html
    assert 'value="reject">Reject</button>' in html
    assert ">Verify</button>" not in html


# Decisions from the claim page


def test_an_editor_verifies_a_claim_with_a_note(editor_client, editor, claim):
    response = editor_client.post(
        decide_url(claim),
        {"decision": "verified", "note": "Matches the declaration.", "version": claim.version},
    )
    assert response.status_code == 302 and response.url == change_url(claim)
    note = VerificationNote.objects.get(claim=claim)
    assert (note.author, note.status_to, note.body) == (
        editor,
        "verified",
        "Matches the declaration.",
    )
    assert "now Verified" in messages_of(response)[0]


def test_a_verdict_without_a_note_is_a_400_naming_the_problem(editor_client, claim):
    response = editor_client.post(
        decide_url(claim), {"decision": "false", "note": " ", "version": claim.version}
    )
    assert response.status_code == 400
    assert "Write a note" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == Status.UNVERIFIED


def test_a_made_up_verdict_is_a_400(editor_client, claim):
    response = editor_client.post(
        decide_url(claim), {"decision": "deleted", "note": "x", "version": claim.version}
    )
    assert response.status_code == 400
    assert "not one of the available choices" in response.content.decode()


def test_a_stale_verdict_is_refused_with_a_clear_message_keeping_the_note(editor_client, claim):
    loaded = claim.version
    claim.summary = "edited by someone else"
    claim.save()
    response = editor_client.post(
        decide_url(claim), {"decision": "verified", "note": "My evidence.", "version": loaded}
    )
    assert response.status_code == 302
    [message] = messages_of(response)
    assert "someone else changed this claim" in message
    assert f"you loaded version {loaded}, it is now version {loaded + 1}" in message
    assert "Your note was: “My evidence.”" in message
    assert not VerificationNote.objects.exists()


def test_a_journalist_cannot_post_a_verdict(client, journalist, claim):
    client.force_login(journalist)
    response = client.post(
        decide_url(claim), {"decision": "verified", "note": "x", "version": claim.version}
    )
    assert response.status_code == 403
    assert not VerificationNote.objects.exists()


def test_decisions_are_posted_not_fetched(editor_client, claim):
    assert editor_client.get(decide_url(claim)).status_code == 405


def test_accept_and_reject_from_the_proposal_page(editor_client, proposal, source):
    response = editor_client.post(
        decide_url(proposal), {"decision": "accept", "note": "", "version": 1}
    )
    assert response.status_code == 302
    assert Claim.objects.get(pk=proposal.pk).status == Status.IN_REVIEW
    other = factories.claim(source=source, origin=Origin.EXTRACTED)
    editor_client.post(decide_url(other), {"decision": "reject", "note": "a date", "version": 1})
    assert Claim.objects.get(pk=other.pk).status == Status.REJECTED
    assert other.notes.get().body == "Rejected proposal: a date"


# Decisions from the list


def act(client, action, claims, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in claims], **extra}
    return client.post(reverse(CHANGELIST), data)


def test_a_bulk_verdict_first_asks_for_one_note(editor_client, source):
    claims = [factories.claim(source=source) for _ in range(2)]
    response = act(editor_client, "decide_verified", claims, index=0)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verify: 2 claims" in html
    for claim in claims:
        assert f'name="version_{claim.pk}" value="{claim.version}"' in html
    assert not VerificationNote.objects.exists()


def test_a_confirmed_bulk_verdict_gives_each_claim_its_own_note(editor_client, source):
    claims = [factories.claim(source=source) for _ in range(2)]
    versions = {f"version_{c.pk}": c.version for c in claims}
    response = act(
        editor_client, "decide_misleading", claims, confirm="yes", note="Omits context.", **versions
    )
    assert response.status_code == 302
    assert VerificationNote.objects.filter(body="Omits context.").count() == 2
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.MISLEADING}


def test_a_bulk_verdict_without_a_note_is_a_400(editor_client, claim):
    versions = {f"version_{claim.pk}": claim.version}
    response = act(editor_client, "decide_false", [claim], confirm="yes", note="", **versions)
    assert response.status_code == 400
    assert "Write a note: each claim gets its own copy of it." in response.content.decode()


def test_a_bulk_verdict_over_a_changed_claim_changes_nothing(editor_client, source):
    claims = [factories.claim(source=source) for _ in range(2)]
    versions = {f"version_{c.pk}": c.version for c in claims}
    claims[1].summary = "changed while the editor read the confirmation page"
    claims[1].save()
    response = act(editor_client, "decide_verified", claims, confirm="yes", note="ok", **versions)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was changed: a claim below was changed by someone else" in html
    assert f'name="version_{claims[1].pk}" value="2"' in html  # the page now shows the fresh one
    assert not VerificationNote.objects.exists()


def test_a_confirmation_without_the_versions_it_showed_is_a_400(editor_client, claim):
    response = act(editor_client, "decide_verified", [claim], confirm="yes", note="ok")
    assert response.status_code == 400
    assert "did not say which version of claim" in response.content.decode()
    assert not VerificationNote.objects.exists()


def test_accepting_from_the_list_skips_claims_that_are_not_proposals(
    editor_client, proposal, claim
):
    response = act(editor_client, "decide_accept", [proposal, claim], index=0)
    assert response.status_code == 302
    assert Claim.objects.get(pk=proposal.pk).status == Status.IN_REVIEW
    assert Claim.objects.get(pk=claim.pk).status == Status.UNVERIFIED
    assert "1 of the selected claims are not proposals" in " ".join(messages_of(response))


def test_rejecting_from_the_list_retracts_each_with_the_reason(editor_client, proposal):
    response = act(
        editor_client,
        "decide_reject",
        [proposal],
        confirm="yes",
        note="not a figure",
        **{f"version_{proposal.pk}": proposal.version},
    )
    assert response.status_code == 302
    assert proposal.notes.get().body == "Rejected proposal: not a figure"


def test_correcting_from_the_list_opens_the_one_selected_claim(editor_client, proposal, claim):
    response = act(editor_client, "correct_proposal", [proposal], index=0)
    assert response.status_code == 302 and response.url == change_url(proposal)
    response = act(editor_client, "correct_proposal", [proposal, claim], index=0)
    assert "Select one claim to correct" in " ".join(messages_of(response))


def test_a_journalist_is_offered_no_decision_actions(client, journalist, claim):
    client.force_login(journalist)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "decide_verified" not in html
    versions = {f"version_{claim.pk}": claim.version}
    response = act(client, "decide_verified", [claim], confirm="yes", note="x", **versions)
    assert "gets its own verification note" not in response.content.decode()  # no confirmation
    assert not VerificationNote.objects.exists()
    assert Claim.objects.get(pk=claim.pk).status == Status.UNVERIFIED


# The review queue


def listed(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return [claim.pk for claim in response.context["cl"].result_list]


def test_the_queue_lists_claims_to_check_first_oldest_first(editor_client, source):
    verified = factories.claim(source=source, status=Status.VERIFIED)
    old = factories.claim(source=source)
    in_review = factories.claim(source=source, status=Status.IN_REVIEW)
    assert listed(editor_client) == [old.pk, in_review.pk, verified.pk]


def test_the_queue_filters_live_in_the_url(editor_client, editor, source):
    mine = factories.claim(source=source, assignee=editor)
    factories.claim(source=source)
    done = factories.claim(source=source, assignee=editor, status=Status.VERIFIED)
    assert listed(editor_client, queue="open", assigned="me") == [mine.pk]
    assert listed(editor_client, assigned="me") == [mine.pk, done.pk]


def test_proposals_have_their_own_queue(editor_client, proposal, claim):
    assert listed(editor_client, queue="proposed") == [proposal.pk]


def test_rejected_proposals_leave_the_claim_list_but_the_status_filter_finds_them(
    editor_client, editor
):
    rejected = factories.claim(origin=Origin.EXTRACTED, quote="In 2019, 17 people", value=17)
    claim_decide(claim=rejected, author=editor, decision=REJECT, note="a year", expected_version=1)
    kept = factories.claim(quote="up to 6,000 troops")
    url = reverse("admin:claims_claim_changelist")
    listed = editor_client.get(url).context["cl"].result_list
    assert kept in listed and rejected not in listed
    asked = editor_client.get(url, {"status__exact": "rejected"}).context["cl"].result_list
    assert list(asked) == [rejected]
    assert (
        editor_client.get(reverse("admin:claims_claim_change", args=[rejected.pk])).status_code
        == 200
    )
