"""generate_claims (a bench command, called as an object: the product does not install bench)
loads valid, realistic, reproducible data with its history, in bulk."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from bench.management.commands import generate_claims
from bench.synthetic import CHANGE_REASON
from claims.models import Claim, Tag, VerificationNote
from sources.models import Source
from tests import factories

FIGURE_FIELDS = [
    "quote",
    "summary",
    "value",
    "hedge",
    "value_low",
    "value_high",
    "unit",
    "currency",
    "rate_period",
    "claim_date",
    "period_start",
    "period_end",
    "status",
    "created_at",
]


def generate(count, seed=1, **options):
    err = io.StringIO()
    call_command(
        generate_claims.Command(), count, seed=seed, stdout=io.StringIO(), stderr=err, **options
    )
    return err.getvalue()


def figures(claims):
    return list(claims.order_by("pk").values_list(*FIGURE_FIELDS))


@pytest.mark.django_db
def test_it_loads_the_number_of_claims_asked_for_with_what_they_cite():
    generate(300, batch=64)

    assert Claim.objects.count() == 300
    assert Source.objects.count() > 10
    assert VerificationNote.objects.exists()
    assert Tag.objects.filter(claims__isnull=False).exists()
    assert Claim.objects.filter(version=1).count() == 300


@pytest.mark.django_db
def test_every_generated_row_passes_the_models_own_validation():
    generate(200)

    for claim in Claim.objects.select_related("source"):
        claim.full_clean()
    for source in Source.objects.all():
        source.full_clean()
    for note in VerificationNote.objects.all():
        note.full_clean()


@pytest.mark.django_db
def test_every_row_has_its_creation_in_history_without_a_user():
    generate(150)

    for model in (Claim, Source, VerificationNote):
        records = model.history.all()
        assert records.count() == model.objects.count()
        assert set(records.values_list("history_type", flat=True)) == {"+"}
        assert set(records.values_list("history_change_reason", flat=True)) == {CHANGE_REASON}
        assert not records.filter(history_user__isnull=False).exists()
    claim = Claim.objects.filter(tags__isnull=False).first()
    recorded = claim.history.get().tags.values_list("tag_id", flat=True)
    assert sorted(recorded) == sorted(claim.tags.values_list("pk", flat=True))


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_claims_and_another_seed_others():
    generate(120, seed=7)
    generate(120, seed=7, batch=13)
    generate(120, seed=8)
    claims = Claim.objects.order_by("pk")
    pks = list(claims.values_list("pk", flat=True))

    first = figures(claims.filter(pk__in=pks[:120]))
    second = figures(claims.filter(pk__in=pks[120:240]))
    third = figures(claims.filter(pk__in=pks[240:]))

    assert first == second
    assert first != third


@pytest.mark.django_db
def test_created_at_spreads_over_years_and_ids_keep_coming_after_the_load(source):
    generate(100)
    last_generated = Claim.objects.order_by("pk").last()

    dates = Claim.objects.order_by("created_at").values_list("created_at", flat=True)
    assert (dates.last() - dates.first()).days > 3 * 365
    # The sequences moved past the explicit ids: an ordinary save gets a fresh one.
    assert factories.claim(source=source).pk > last_generated.pk
    assert factories.publisher().pk > Source.objects.order_by("pk").last().publisher_id


@pytest.mark.django_db
def test_quotes_follow_a_skewed_vocabulary_with_a_common_and_a_rare_term():
    from bench.synthetic import COMMON_TERM, RARE_TERM

    generate(1500)

    quotes = list(Claim.objects.values_list("quote", flat=True))
    common = sum(COMMON_TERM in q.split() for q in quotes) / len(quotes)
    rare = sum(RARE_TERM in q.split() for q in quotes) / len(quotes)
    assert 0.05 < common < 0.25
    assert rare < 0.01


@pytest.mark.django_db
def test_the_progress_bar_reaches_the_total_on_stderr():
    err = generate(50)

    assert "50/50" in err and "100.0%" in err


@pytest.mark.django_db
def test_postgresql_fills_the_generated_search_vector_for_each_claim():
    generate(80)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM claims_claim WHERE search_vector IS NULL")
            assert cursor.fetchone()[0] == 0
    else:
        assert Claim.objects.count() == 80


def index_definitions():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return {
            table: sorted(
                (name, tuple(c["columns"]))
                for name, c in connection.introspection.get_constraints(cursor, table).items()
                if c["index"]
            )
            for table in tables
            if table.startswith(("claims_", "sources_"))
        }


@pytest.mark.django_db
def test_a_big_load_rebuilds_every_index_it_set_aside(monkeypatch):

    monkeypatch.setattr(generate_claims, "DEFER_INDEXES_FROM", 0)
    before = index_definitions()

    generate(60)

    assert index_definitions() == before
    assert Claim.objects.count() == 60
