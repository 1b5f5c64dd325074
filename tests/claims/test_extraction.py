"""Import a source's text, propose its figures as claims, and never propose the same one twice."""

import datetime
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import MAX_CANDIDATES, propose, split_sentences
from claims.models import Attribution, Claim, Hedge, Origin, Status
from claims.services import claims_propose
from sources.models import Claimant, Source
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
        (ARTICLE.encode(), ["--published", "Juno 2019"], "not a date in the form"),
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


# -- sentences, claimants, periods, limits (issue 16) ---------------------------------------------


def test_titles_and_case_numbers_do_not_end_a_sentence():
    text = 'The Rev. Jesse Jackson spoke. Case No. 5 drew 300 people. "We came," he said.'
    assert [s.text for s in split_sentences(text)] == [
        "The Rev. Jesse Jackson spoke.",
        "Case No. 5 drew 300 people.",
        '"We came," he said.',
    ]


def test_spanish_titles_do_not_end_a_sentence():
    text = "El Sr. López dijo que llegaron 6,000 elementos. Según la Dra. Pérez, hay más."
    assert [s.text for s in split_sentences(text, "es-MX")] == [
        "El Sr. López dijo que llegaron 6,000 elementos.",
        "Según la Dra. Pérez, hay más.",
    ]


def test_initials_end_a_sentence_before_a_sentence_starter():
    text = "AMLO bowed to the U.S. When Trump called, 6,000 troops moved."
    assert [s.text for s in split_sentences(text)] == [
        "AMLO bowed to the U.S.",
        "When Trump called, 6,000 troops moved.",
    ]


def test_a_headline_is_not_proposed_twice():
    text = "Mexico sends 6,000 troops to the border\n\nMexico will send 6,000 troops, he said."
    proposals = propose(text)
    assert [p.sentence.text for p in proposals] == ["Mexico will send 6,000 troops, he said."]


def test_the_source_title_proposes_nothing():
    text = "Up to 6,000 troops\n\nThe deal moves 5,000 troops."
    assert [p.quantity.value for p in propose(text, title="Up to 6,000 troops")] == [5000]


@pytest.mark.parametrize(
    ("sentence", "language", "claimant"),
    [
        ("Tariffs would cost families more than $800 a year, Mr. Smith said.", "en", "Mr. Smith"),
        ("The US will send 6,000 troops, according to the Pentagon.", "en", "the Pentagon"),
        ('"We sent 1,500," said Secretary Mark Esper.', "en", "Secretary Mark Esper"),
        ("Officials told reporters that 1,200 people were evacuated.", "en", "Officials"),
        ("He said 500 people died.", "en", None),
        ("Mexico deported 80,500 migrants.", "en", None),
        ("Llegaron 6 mil elementos, informó la Secretaría.", "es", "la Secretaría"),
        ("Según el INM, 80 mil migrantes fueron deportados.", "es", "el INM"),
        ("El presidente López dijo que llegarán 6,000 efectivos.", "es", "El presidente López"),
    ],
)  # fmt: skip
def test_the_claimant_is_who_the_sentence_says_it_comes_from(sentence, language, claimant):
    (proposal,) = propose(sentence, language)
    assert proposal.claimant == claimant


def test_the_seed_sentence_gets_its_claimant_and_period():
    sentence = (
        "Since December, the Mexican government has deported 80,500 migrants—three times as "
        "many people than those deported during Peña Niesto’s government."
    )
    proposal = propose(sentence, claim_date=datetime.date(2019, 6, 1))[0]
    assert proposal.quantity.value == 80500
    assert proposal.claimant == "the Mexican government"
    assert proposal.period == (datetime.date(2018, 12, 1), datetime.date(2019, 6, 1))


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Last month 500 migrants arrived.", ("2019-05-01", "2019-05-31")),
        ("El mes pasado llegaron 500 migrantes.", ("2019-05-01", "2019-05-31")),
        ("Desde diciembre se deportaron 80,500 migrantes.", ("2018-12-01", "2019-06-12")),
        ("In the past three months 900 people crossed.", ("2019-03-12", "2019-06-12")),
        ("En los últimos tres meses cruzaron 900 personas.", ("2019-03-12", "2019-06-12")),
        ("By the end of 2019 nearly 800,000 people will cross.", (None, "2019-12-31")),
        ("In 2018, 300 people died.", ("2018-01-01", "2018-12-31")),
        ("Since 2006, 200,000 people have died.", ("2006-01-01", "2019-06-12")),
        ("In May, 144,000 were detained.", ("2019-05-01", "2019-05-31")),
        ("The deal moves 6,000 troops.", None),
    ],
)
def test_relative_periods_resolve_against_the_claim_date(sentence, period):
    language = "es" if sentence.startswith(("El", "Desde", "En")) else "en"
    proposals = propose(sentence, language, claim_date=datetime.date(2019, 6, 12))
    proposal = proposals[-1]  # the count, after "three months"
    expected = period and tuple(d and datetime.date.fromisoformat(d) for d in period)
    assert proposal.period == expected


def test_saved_proposals_carry_claimant_attribution_and_period(db):
    esper = factories.claimant(name="Mark Esper")
    source = factories.source(
        text='"We sent 1,500 troops," said Defense Secretary Mark Esper. Since December, the '
        "Mexican government has deported 80,500 migrants. The deal moves 6,000 troops.",
        published_on=datetime.date(2019, 6, 1),
        date_precision="month",
    )
    created, _ = claims_propose(source=source)
    by_value = {c.value: c for c in created}
    assert by_value[1500].claimant == esper  # matched, titles aside
    assert by_value[1500].attribution == Attribution.REPORTED
    government = by_value[80500].claimant
    assert government.name == "the Mexican government"  # proposed as a new claimant
    assert government.kind == Claimant.Kind.ORGANISATION
    assert (by_value[80500].period_start, by_value[80500].period_end) == (
        datetime.date(2018, 12, 1),
        datetime.date(2019, 6, 1),
    )
    assert by_value[6000].claimant is None
    assert by_value[6000].attribution == Attribution.ASSERTED


def test_a_generic_speaker_is_not_made_a_claimant(db):
    source = factories.source(text="The company said it sold 500 cars.")
    (claim,) = claims_propose(source=source)[0]
    assert claim.claimant is None and not Claimant.objects.filter(name="The company").exists()


def test_a_run_of_numbers_is_capped_with_a_message(db):
    source = factories.source(text="1," * 100_000)  # 200 KB
    started = time.perf_counter()
    result = claims_propose(source=source)
    assert time.perf_counter() - started < 30
    created, skipped = result
    assert len(created) + skipped == MAX_CANDIDATES
    assert result.unread > 90_000
    assert f"Stopped after {MAX_CANDIDATES} figures" in result.message
    assert all(len(c.quote) < 600 for c in created)
    assert all(source.text[c.quote_start : c.quote_end] == c.quote for c in created)


def test_extract_claims_says_when_it_stopped_early(db, capsys):
    source = factories.source(text="7, " * 2_000)
    call_command("extract_claims", str(source.pk))
    assert "Stopped after 500 figures" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sentence", "language", "claimant"),
    [
        ("Luis Ruiz, a DHS spokesman, reported that 740,000 left.", "en", "Luis Ruiz"),
        ("Ana Díaz, secretaria de Seguridad (SSP), detalló que hay 600.", "es", "Ana Díaz"),
        ("He deported 37,660 people, previously unpublished DHS data show.", "en", "DHS"),
        ("Some 500 left, the Customs and Border Service (CBS) reported on Friday.", "en",
         "the Customs and Border Service (CBS)"),
        ('"900 returned," Ana Ruiz stated, according to local media.', "en", "Ana Ruiz"),
        ("La SFP dio a conocer que hubo 17 mil irregularidades.", "es", "La SFP"),
    ],
)  # fmt: skip
def test_claimants_behind_appositions_and_unnamed_sources(sentence, language, claimant):
    assert propose(sentence, language)[-1].claimant == claimant


@pytest.mark.parametrize(
    ("sentence", "language", "period"),
    [
        ("Since January 20, 14,470 people have returned.", "en", ("2025-01-20", "2025-02-14")),
        ("Desde el 20 de enero regresaron 14,470 personas.", "es", ("2025-01-20", "2025-02-14")),
        ("From January to April of this year 900 left.", "en", ("2025-01-01", "2025-04-30")),
        ("Cayó 8.8% entre enero y septiembre de 2024.", "es", ("2024-01-01", "2024-09-30")),
        ("De 2018 a enero de 2025 cayó 23.8 por ciento.", "es", ("2018-01-01", "2025-01-31")),
        ("It expelled 142,580 people during fiscal year 2023.", "en", ("2022-10-01", "2023-09-30")),
        ("La Sener gastó 27 mil 94 millones en enero pasado.", "es", ("2025-01-01", "2025-01-31")),
    ],
)  # fmt: skip
def test_periods_between_two_dates_from_a_day_and_in_fiscal_years(sentence, language, period):
    proposal = propose(sentence, language, claim_date=datetime.date(2025, 2, 14))[-1]
    assert proposal.period == tuple(datetime.date.fromisoformat(d) for d in period)
