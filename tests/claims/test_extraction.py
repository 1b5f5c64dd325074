"""Import a source's text, propose its figures as claims, and never propose the same one twice."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import propose, split_sentences
from claims.models import Claim, Hedge, Origin, Status
from claims.services import claims_propose
from sources.models import Source
from tests import factories

ARTICLE = (
    "Mexico has agreed to mobilize up to 6,000 National Guard troops. The U.S. sent 1,500 "
    "active duty troops to the border.\n\nMexico deported 80,500 migrants since December. "
    "Tariffs would cost families more than $800 a year, Mr. Smith said."
)


def test_sentences_carry_their_offsets():
    for sentence in split_sentences(ARTICLE):
        assert ARTICLE[sentence.start : sentence.end] == sentence.text


def test_abbreviations_do_not_end_a_sentence():
    texts = [s.text for s in split_sentences(ARTICLE)]
    assert "The U.S. sent 1,500 active duty troops to the border." in texts
    assert texts[-1] == "Tariffs would cost families more than $800 a year, Mr. Smith said."


def test_each_figure_is_proposed_with_its_sentence():
    figures = {(p.quantity.value, p.quantity.hedge) for p in propose(ARTICLE)}
    assert {
        (Decimal(6000), Hedge.AT_MOST),
        (Decimal(1500), Hedge.EXACT),
        (Decimal(80500), Hedge.EXACT),
        (Decimal(800), Hedge.MORE_THAN),
    } <= figures


def test_proposals_are_saved_as_unverified_extracted_claims_anchored_in_the_text(db):
    source = factories.source(text=ARTICLE)
    created, skipped = claims_propose(source=source)
    assert skipped == 0 and len(created) >= 4
    for claim in created:
        assert claim.status == Status.UNVERIFIED
        assert claim.origin == Origin.EXTRACTED
        assert source.text[claim.quote_start : claim.quote_end] == claim.quote
    rate = Claim.objects.get(source=source, value=800)
    assert (rate.hedge, rate.currency, rate.rate_period) == (Hedge.MORE_THAN, "USD", "year")


def test_running_extraction_twice_adds_nothing(db):
    source = factories.source(text=ARTICLE)
    first, _ = claims_propose(source=source)
    second, skipped = claims_propose(source=source)
    assert second == [] and skipped == len(first)
    assert Claim.objects.filter(source=source).count() == len(first)


def test_a_corrected_proposal_is_not_proposed_again(db):
    source = factories.source(text=ARTICLE)
    claims_propose(source=source)
    claim = Claim.objects.get(source=source, value=80500)
    claim.value = Decimal(80000)
    claim.save()
    created, _ = claims_propose(source=source)
    assert created == []


def test_import_source_command_imports_and_extracts(db, tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    call_command(
        "import_source", str(article), "--title", "Border deal", "--publisher", "Left Voice",
        "--published", "2019-06", "--language", "en", "--extract",
    )  # fmt: skip
    source = Source.objects.get(title="Border deal")
    assert (source.published_on.isoformat(), source.date_precision) == ("2019-06-01", "month")
    assert source.claims.filter(value=6000, hedge=Hedge.AT_MOST).exists()
    call_command("extract_claims", str(source.pk))
    assert source.claims.filter(value=6000).count() == 1
    assert source.history.count() == 1


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"\xff\xfe\x00bad", [], "not UTF-8"),
        (b"text with a \x00 NUL", [], "NUL bytes"),
        (b"   \n", [], "empty"),
        (ARTICLE.encode(), ["--published", "2023-02-30"], "not a real date"),
        (ARTICLE.encode(), ["--published", "June 2019"], "not a date in the form"),
        (ARTICLE.encode(), ["--language", "english"], "BCP-47"),
        (ARTICLE.encode(), ["--url", "not a url"], "url"),
    ],
)
def test_import_source_refuses_bad_input_with_a_clear_error(db, tmp_path, content, args, message):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    base = {"--title": "T", "--publisher": "P", "--published": "2019-06-07"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    argv = [str(article)] + [item for pair in base.items() for item in pair]
    with pytest.raises(CommandError, match=message):
        call_command("import_source", *argv)
    assert not Source.objects.exists()


def test_extract_claims_names_a_missing_source(db):
    with pytest.raises(CommandError, match="No source with id 999"):
        call_command("extract_claims", "999")


def test_fractions_finer_than_the_column_are_rounded_to_fit(db):
    source = factories.source(text="The dose was cut to 1/128 of an ounce.")
    created, _ = claims_propose(source=source)
    assert [c.value for c in created] == [Decimal("0.007813")]


def test_candidates_include_every_seed_fixture_figure(db):
    """Each seed claim's quote is the sentence it was said in, so this is what extraction from
    the seed articles proposes for that sentence (the articles themselves are not committed;
    bench/extraction.py --seeds runs over the full texts when ../shared is present)."""
    call_command("seed", verbosity=0)
    missed = []
    for claim in Claim.objects.filter(source__language="en"):
        found = {(p.quantity.value, p.quantity.hedge) for p in propose(claim.quote)}
        if (claim.value, claim.hedge) not in found:
            missed.append(f"{claim.figure}: «{claim.quote[:70]}»")
    assert Claim.objects.filter(source__language="en").count() >= 15
    assert missed == []
