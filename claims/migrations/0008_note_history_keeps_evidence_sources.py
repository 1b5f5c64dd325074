"""A note's history keeps its evidence sources, so a restored note gets them back.

Notes written before this have their current evidence sources copied into their latest history
record (a note's sources are only ever set when it is written).
"""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models
from django.db.models import Max


def backfill(apps, schema_editor):
    note_model = apps.get_model("claims", "VerificationNote")
    record_model = apps.get_model("claims", "HistoricalVerificationNote")
    snapshot = apps.get_model("claims", "HistoricalVerificationNote_evidence_sources")
    links = note_model._meta.get_field("evidence_sources").remote_field.through.objects
    latest = dict(
        record_model.objects.filter(id__in=links.values("verificationnote_id"))
        .values("id")
        .annotate(last=Max("history_id"))
        .values_list("id", "last")
    )
    snapshot.objects.bulk_create(
        (
            snapshot(
                history_id=latest[link.verificationnote_id],
                id=link.id,
                verificationnote_id=link.verificationnote_id,
                source_id=link.source_id,
            )
            for link in links.order_by("id").iterator()
            if link.verificationnote_id in latest
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_search_vector_statistics"),
        ("sources", "0002_source_history_keeps_text"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalVerificationNote_evidence_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="claims.historicalverificationnote",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="sources.source",
                    ),
                ),
                (
                    "verificationnote",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.verificationnote",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalVerificationNote_evidence_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
