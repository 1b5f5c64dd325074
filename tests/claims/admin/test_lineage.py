"""The desk's lineage: the claim page's timeline with each appearance's wording, an editor's
confirm/split/merge, the measure page's first-appearance marks, and the dashboard's flags."""

import pytest
from django.urls import reverse

from claims.models import LineageAppearance, Measure
from claims.services import claim_retract, claim_update, note_add
from tests.lineage_data import import_boonville


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def boonville(db, editor):
    return import_boonville(editor)


def page(client, claim) -> str:
    return client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def act(client, claim, **data):
    return client.post(reverse("admin:claims_claim_lineage", args=[claim.pk]), data, follow=True)


def test_the_claim_page_shows_the_timeline_with_each_wording(boonville, editor_client):
    english, spanish, india = boonville
    html = page(editor_client, spanish.claims.get(value=5))
    assert 'class="desk-timeline"' in html
    timeline = html[html.index('class="desk-timeline"') :]
    timeline = timeline[: timeline.index("</ol>")]
    positions = [timeline.index(name) for name in ("The New Indian Express", "América TeVé",
                                                   "India TV News")]  # fmt: skip
    assert positions == sorted(positions)
    assert "desk-relation-first" in timeline and "desk-relation-translated" in timeline
    assert "desk-relation-hedge_changed" in timeline
    assert "dejó cinco personas heridas" in timeline  # the Spanish wording, quoted
    assert "At least five people were seriously injured" in timeline
    assert "proposed: confirm, split or merge" in html


def test_confirm_then_split_then_merge_from_the_claim_page(boonville, editor_client):
    english, _spanish, india = boonville
    response = act(editor_client, english.claims.get(value=5), action="confirm")
    assert "Confirmed 3 appearances." in response.content.decode()
    at_least = india.claims.get(value=5)
    act(editor_client, at_least, action="split")
    assert LineageAppearance.objects.filter(lineage=at_least.appearance.lineage).count() == 1
    response = act(editor_client, english.claims.get(value=5), action="merge", other=at_least.pk)
    assert "Merged" in response.content.decode()
    assert LineageAppearance.objects.get(claim=at_least).lineage_id == (
        LineageAppearance.objects.get(claim=english.claims.get(value=5)).lineage_id
    )


def test_a_bad_merge_says_what_is_missing_and_changes_nothing(boonville, editor_client):
    english = boonville[0].claims.get(value=5)
    before = list(LineageAppearance.objects.values_list("pk", "lineage_id", "confirmed"))
    response = act(editor_client, english, action="merge", other="")
    assert "Give the number of another claim" in response.content.decode()
    assert list(LineageAppearance.objects.values_list("pk", "lineage_id", "confirmed")) == before


def test_only_editors_change_a_lineage(boonville, client, journalist):
    client.force_login(journalist)
    response = client.post(
        reverse("admin:claims_claim_lineage", args=[boonville[0].claims.get(value=5).pk]),
        {"action": "split"},
    )
    assert response.status_code == 403


def test_the_measure_page_marks_each_figures_first_appearance(boonville, editor_client, editor):
    english, spanish, india = boonville
    measure = Measure.objects.create(label="People hurt in the Boonville church explosion")
    for claim in (english.claims.get(value=5), spanish.claims.get(value=5),
                  india.claims.get(value=5)):  # fmt: skip
        claim_update(claim=claim, author=editor, expected_version=claim.version, measure=measure)
    html = editor_client.get(reverse("admin:claims_measure_change", args=[measure.pk])).content
    html = html.decode()
    assert html.count('class="desk-first-appearance"') == 1
    row = html[html.index(f'id="claim-{english.claims.get(value=5).pk}"') :]
    assert row.index("desk-first-appearance") < row.index("</tr>")


def test_a_correction_flags_every_other_appearance_until_it_is_looked_at(
    boonville, editor_client, editor
):
    english, spanish, india = boonville
    first = english.claims.get(value=5)
    note_add(claim=first, author=editor, body="Checked.", status_to="in_review")
    first.refresh_from_db()
    claim_retract(claim=first, author=editor, reason="Police now say four were hurt.")
    html = editor_client.get(reverse("admin:index")).content.decode()
    flags = html[html.index("desk-flags-appearances") :]
    flags = flags[: flags.index("</ul>")]
    for other in (spanish.claims.get(value=5), india.claims.get(value=5)):
        assert reverse("admin:claims_claim_change", args=[other.pk]) in flags
    note_add(claim=india.claims.get(value=5), author=editor, body="Still five in this story.")
    html = editor_client.get(reverse("admin:index")).content.decode()
    flags = html[html.index("desk-flags-appearances") :]
    flags = flags[: flags.index("</ul>")]
    assert reverse("admin:claims_claim_change", args=[india.claims.get(value=5).pk]) not in flags


def test_drift_on_the_way_is_flagged_for_the_desk(db, editor, editor_client):
    from tests import factories

    text = "Mexico will deploy up to 6,000 National Guard troops to its southern border."
    a = factories.source(text=text, language="en")
    later = "Mexico deployed more than 6,000 National Guard troops to its southern border."
    b = factories.source(text=later, language="en", published_on=a.published_on)
    from claims.services import claims_propose

    claims_propose(source=a, created_by=editor)
    claims_propose(source=b, created_by=editor)
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "desk-flags-drift" in html
    assert "“up to” became “more than”" in html
