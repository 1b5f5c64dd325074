"""claims.lineage_services on real articles (tests/data/lineage/, cited in SOURCES.json): an AP
story and AP's own Spanish version, a re-hedged repetition and a rounded one, imported with the
command an editor runs and proposed as lineages; then an editor's confirm, split and merge."""

import datetime
import io

import pytest
from django.core.management import call_command

from claims import lineage_services
from claims.lineage_selectors import claim_lineage
from claims.models import Claim, Lineage, LineageAppearance
from sources.models import Source
from tests.lineage_data import import_article, import_boonville


def only(source: Source, **fields) -> Claim:
    (claim,) = source.claims.filter(**fields)
    return claim


def rows(claim):
    view, lineage = claim_lineage(claim)
    return view, {e.appearance.claim_id: e.relation for e in view.entries}, lineage


@pytest.fixture
def boonville(db, editor):
    return import_boonville(editor)


def test_the_spanish_version_links_to_the_english_story_figure_by_figure(boonville):
    english, spanish, _india = boonville
    for unit, spanish_unit in [("people", "personas"), ("miles", "millas"),
                               ("kilometers", "kilómetros")]:  # fmt: skip
        original = only(english, unit=unit)
        translation = only(spanish, unit=spanish_unit)
        view, relations, lineage = rows(original)
        assert lineage is not None
        assert translation.appearance.lineage_id == lineage.pk, unit
        assert view.first.claim_id == original.pk
        assert relations[original.pk] == "first"
        assert relations[translation.pk] == "translated"


def test_each_shared_figure_is_one_lineage(boonville):
    english, spanish, india = boonville
    five = {only(s, value=5).appearance.lineage_id for s in boonville}
    assert len(five) == 1
    miles = {only(english, unit="miles").appearance.lineage_id,
             only(spanish, unit="millas").appearance.lineage_id,
             only(india, unit="miles").appearance.lineage_id}  # fmt: skip
    assert len(miles) == 1
    # "about 50 miles (80 kilometers)": the kilometres are their own appearance in each story
    km = only(english, unit="kilometers").appearance.lineage_id
    assert km not in miles
    assert LineageAppearance.objects.filter(lineage_id=km).count() == 2


def test_a_re_hedged_repetition_is_labelled_hedge_changed(boonville):
    english, _spanish, india = boonville
    at_least = only(india, value=5)
    assert at_least.hedge == "at_least"
    view, relations, _lineage = rows(at_least)
    assert view.first.claim_id == only(english, value=5).pk
    assert relations[at_least.pk] == "hedge_changed"
    # "about 50 miles" said again the next day, in the same words
    _view, relations, _lineage = rows(only(india, unit="miles"))
    assert relations[only(india, unit="miles").pk] == "same"


def test_a_rounded_repetition_is_labelled_rounded_and_the_precise_date_comes_first(db, editor):
    dpa = import_article("lorca_trend_dpa_en", editor)  # 12 May 2011
    standard = import_article("lorca_standard_en", editor)  # May 2011: may be later than the 12th
    nearly_170, exactly_167 = only(dpa, value=170), only(standard, value=167)
    view, relations, _lineage = rows(exactly_167)
    assert view.first.claim_id == nearly_170.pk
    assert relations[exactly_167.pk] == "rounded"


def test_proposals_are_unconfirmed_until_an_editor_confirms(boonville, editor):
    english, _spanish, _india = boonville
    lineage = only(english, value=5).appearance.lineage
    assert not lineage.appearances.filter(confirmed=True).exists()
    assert lineage_services.lineage_confirm(lineage=lineage, user=editor) == 3
    assert not lineage.appearances.filter(confirmed=False).exists()
    record = LineageAppearance.history.filter(lineage_id=lineage.pk).latest("history_date")
    assert record.history_user == editor and record.history_change_reason == "confirmed"


def test_split_takes_an_appearance_out_and_merge_puts_it_back(boonville, editor):
    english, _spanish, india = boonville
    at_least = only(india, value=5)
    before = at_least.appearance.lineage_id
    lineage_services.lineage_split(claims=[at_least], user=editor)
    at_least.refresh_from_db()
    assert at_least.appearance.lineage_id != before and at_least.appearance.confirmed
    lineage_services.lineage_merge_claims(claim=only(english, value=5), other=at_least, user=editor)
    at_least = Claim.objects.get(pk=at_least.pk)
    assert at_least.appearance.lineage_id == before
    # The emptied lineage is gone, and kept in the history
    assert not Lineage.objects.filter(appearances__isnull=True).exists()
    assert Lineage.history.filter(history_type="-").exists()


def test_extracting_again_proposes_no_second_appearance(boonville, editor):
    english, _spanish, _india = boonville
    count = LineageAppearance.objects.count()
    call_command("extract_claims", str(english.pk), stdout=io.StringIO())
    assert LineageAppearance.objects.count() == count


def test_a_translation_declared_after_import_links_when_extracted_again(db, editor):
    english = import_article("boonville_ap_en", editor)
    spanish = import_article("boonville_ap_es", editor)
    LineageAppearance.objects.all().delete()
    spanish.translation_of = None
    spanish.save()
    call_command("extract_claims", str(spanish.pk), stdout=io.StringIO())
    assert not LineageAppearance.objects.exists()  # another language, no link: not proposed
    spanish.translation_of = english
    spanish.save()
    call_command("extract_claims", str(spanish.pk), stdout=io.StringIO())
    assert LineageAppearance.objects.filter(claim__source=spanish).count() == 3


@pytest.mark.parametrize("order", ["hedged first", "unhedged first"])
def test_one_figure_re_hedged_by_other_sources_is_one_lineage_in_any_order(db, editor, order):
    # The seed's case: two sources say "up to 6,000", two "6,000", one "more than 6,000". Each
    # claim's nearest figure is one with its own hedge, yet all five are appearances of one
    # figure (with the hedge marked as changed), not lineages a matching order started.
    from tests import factories

    guard = factories.measure(label="Guard deployed to the southern border")
    said = [("at_most", 1), ("at_most", 6), ("exact", 6), ("exact", 7), ("more_than", 24)]
    if order == "unhedged first":
        said = said[2:4] + said[:2] + said[4:]
    claims = []
    for hedge, day in said:
        source = factories.source(published_on=datetime.date(2019, 6, day))
        word = {"at_most": "up to ", "more_than": "more than ", "exact": ""}[hedge]
        claims.append(
            factories.claim(
                source=source,
                quote=f"Mexico sends {word}6,000 National Guard troops to the border.",
                hedge=hedge,
                measure=guard,
            )
        )
    lineage_services.lineages_propose(claims=claims, user=editor)
    assert Lineage.objects.count() == 1
    assert LineageAppearance.objects.count() == 5
    view, relations, _lineage = rows(claims[0])
    first = min(claims, key=lambda c: c.source.published_on)
    assert view.first.claim_id == first.pk
    assert relations[claims[-1].pk] == "hedge_changed"
