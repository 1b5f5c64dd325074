"""The editor's desk in a real browser: log in, work the queue, read a claim in its source,
give a verdict, see it in the history; a journalist may only read; a stale save is refused."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Status, VerificationNote
from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    # A live server needs real transactions; tests.conftest re-creates the roles after a flush.
    pytest.mark.django_db(transaction=True),
]

ARTICLE = (
    "MEXICO CITY — Mexico and the United States reached an agreement on Friday.\n\n"
    "Under the deal, Mexico has agreed to mobilize up to 6,000 National Guard troops to its "
    "southern border with Guatemala, officials said.\n\n"
    "Officials said 80,500 migrants had been deported since December."
)
QUOTE = "up to 6,000 National Guard troops"


@pytest.fixture
def seed_claim(db):
    """A claim like the seed data: anchored in a source that keeps its text."""
    source = factories.source(
        publisher=factories.publisher(name="The Daily Example"),
        title="Mexico agrees to deploy National Guard",
        authors="Ana Pérez, John Smith",
        published_on=datetime.date(2019, 6, 7),
        url="https://news.example/mexico-guard",
        text=ARTICLE,
    )
    start = ARTICLE.index(QUOTE)
    measure = factories.measure(label="Mexican National Guard troops at the southern border, 2019")
    claim = factories.claim(
        source=source, quote=QUOTE, quote_start=start, quote_end=start + len(QUOTE), measure=measure
    )
    factories.claim(
        source=factories.source(title="Guard deployment begins"),
        quote="6,500 troops",
        value=6500,
        hedge="exact",
        unit="National Guard troops",
        measure=measure,
        status=Status.VERIFIED,
    )
    return claim


def change_path(claim):
    return f"/admin/claims/claim/{claim.pk}/change/"


def test_an_editor_verifies_a_claim_from_the_queue(page, shoot, editor, seed_claim):
    log_in(page, "eddie")
    expect(page.locator(".desk-dashboard")).to_be_visible()
    shoot(page, "dashboard")

    page.locator(".desk-dashboard").get_by_role("link", name=re.compile("To review")).click()
    expect(page).to_have_url(re.compile(r"queue=open"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    shoot(page, "queue")

    page.locator("#result_list").get_by_role("link", name=QUOTE).click()
    expect(page.locator(".desk-quote mark")).to_have_text(QUOTE)
    expect(page.locator(".desk-quote")).to_contain_text("Mexico has agreed to mobilize")
    expect(page.locator(".desk-citation")).to_contain_text("June 2019".replace("June", "7 June"))
    expect(page.locator(".desk-siblings")).to_contain_text("6,500")
    shoot(page, "claim-in-context")

    page.fill("#desk-verdict-note", "Matches the joint declaration published by both governments.")
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("now Verified")
    expect(page.locator(".desk-figure .desk-status")).to_have_text("Verified")
    expect(page.locator("#notes-0")).to_contain_text("Matches the joint declaration")
    shoot(page, "verified")

    page.get_by_role("link", name="History").click()
    row = page.locator("#change-history tbody tr").first
    expect(row).to_contain_text("status: unverified → verified")
    expect(row).to_contain_text("eddie")
    shoot(page, "history")


def test_the_claim_page_works_by_keyboard_at_a_narrow_width(page, shoot, editor, seed_claim):
    page.set_viewport_size({"width": 400, "height": 800})
    log_in(page, "eddie")
    shoot(page, "dashboard-narrow")
    page.goto(change_path(seed_claim))
    fits = "el => el.scrollWidth <= document.documentElement.clientWidth"
    assert page.locator(".desk").evaluate(fits), "the desk panel overflows a 400px screen"
    shoot(page, "claim-narrow")

    page.focus("#desk-verdict-note")
    page.keyboard.type("Other counts agree; the deal text says 6,000.")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Verify"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button shows no focus ring"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Dispute"
    shoot(page, "keyboard-focus")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("now Disputed")
    assert Claim.objects.get(pk=seed_claim.pk).status == Status.DISPUTED


def test_a_journalist_can_read_a_claim_but_not_change_it(
    page, context, shoot, journalist, seed_claim
):
    log_in(page, "jo")
    page.goto(change_path(seed_claim))
    expect(page.locator(".desk-quote mark")).to_have_text(QUOTE)
    expect(page.locator("input[name=_save], button[name=decision]")).to_have_count(0)
    shoot(page, "read-only")

    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    forced = {"csrfmiddlewaretoken": token, "version": str(seed_claim.version)}
    edit = context.request.post(change_path(seed_claim), form={**forced, "summary": "mine now"})
    verdict = context.request.post(
        f"/admin/claims/claim/{seed_claim.pk}/decide/",
        form={**forced, "decision": "verified", "note": "trust me"},
    )
    for response in (edit, verdict):
        assert response.status == 403
        assert "CSRF" not in response.text()  # refused for lack of permission, not a bad token
    seed_claim.refresh_from_db()
    assert (seed_claim.summary, seed_claim.status) == ("", Status.UNVERIFIED)
    assert not VerificationNote.objects.exists()


def test_a_stale_save_is_refused_with_a_clear_message(page, shoot, editor, seed_claim):
    log_in(page, "eddie")
    page.goto(change_path(seed_claim))
    page.fill("#id_summary", "Mexico pledges up to 6,000 Guard troops")
    shoot(page, "editing")

    # Meanwhile another editor saves the same claim.
    other = Claim.objects.get(pk=seed_claim.pk)
    other.summary = "Saved first by a colleague"
    other.save()

    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist.nonfield")).to_contain_text(
        "Someone else saved this claim while you were editing it"
    )
    shoot(page, "refused")
    seed_claim.refresh_from_db()
    assert seed_claim.summary == "Saved first by a colleague"


def test_an_editor_rejects_proposals_from_the_list_with_one_reason(page, shoot, editor, source):
    proposals = [
        factories.claim(source=source, origin="extracted", quote=quote, value=value, hedge="exact")
        for quote, value in [("2019 troops", 2019), ("10 June", 10)]
    ]
    typed_in = factories.claim(source=source)
    log_in(page, "eddie")
    page.goto(change_path(proposals[0]))
    proposal_panel = page.locator(".desk-decide")
    expect(proposal_panel.get_by_role("button", name="Accept into review")).to_be_visible()
    expect(proposal_panel.get_by_role("link", name="Correct it in the form below")).to_be_visible()
    expect(proposal_panel.get_by_role("button", name="Reject")).to_be_visible()
    shoot(page, "proposal-page")

    page.goto("/admin/claims/claim/?queue=proposed")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    page.check("#action-toggle")
    page.select_option("select[name=action]", "decide_reject")
    page.get_by_role("button", name="Go").click()
    expect(page.locator("h1")).to_have_text("Reject proposal: 2 claims")
    shoot(page, "confirmation")

    page.fill("#id_note", "Dates, not counts.")
    page.get_by_role("button", name="Reject proposal: 2 claims").click()
    expect(page.locator(".messagelist")).to_contain_text("2 claims rejected")
    expect(page).to_have_url(re.compile(r"queue=proposed"))
    expect(page.locator("#result_list")).to_have_count(0)  # the proposals queue is empty
    shoot(page, "rejected")
    for claim in proposals:
        note = claim.notes.get()
        assert (note.status_to, note.body) == (
            Status.REJECTED,
            "Rejected proposal: Dates, not counts.",
        )
    assert not typed_in.notes.exists()
