"""Each claim's figure normalised (claims/figures/units.py): its unit's family and the value and
interval ends in the family's base unit, per year for rates, in indexed columns.

The columns are added nullable, filled from each existing claim with the same rules Claim uses
on every save, and only then is `value_normalised` made NOT NULL (cursor pages order by it).
"""

from django.db import migrations, models

from claims.figures.units import stored_figure

DECIMAL = {"max_digits": 40, "decimal_places": 10, "editable": False}
BATCH = 2000


def fill(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    fields = ["unit_family", "value_normalised", "value_low_normalised", "value_high_normalised"]
    claims = Claim.objects.using(schema_editor.connection.alias).order_by("pk")
    batch = []
    for claim in claims.iterator(chunk_size=BATCH):
        stored = stored_figure(
            claim.value,
            claim.value_low,
            claim.value_high,
            claim.unit,
            claim.currency,
            claim.rate_period,
        )
        claim.unit_family, claim.value_normalised = stored.family, stored.value
        claim.value_low_normalised, claim.value_high_normalised = stored.low, stored.high
        batch.append(claim)
        if len(batch) >= BATCH:
            claims.bulk_update(batch, fields)
            batch = []
    if batch:
        claims.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_status_rejected")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="unit_family",
            field=models.CharField(blank=True, editable=False, max_length=120),
        ),
        migrations.AddField(
            model_name="claim", name="value_normalised", field=models.DecimalField(null=True, **DECIMAL)
        ),
        migrations.AddField(
            model_name="claim",
            name="value_low_normalised",
            field=models.DecimalField(null=True, **DECIMAL),
        ),
        migrations.AddField(
            model_name="claim",
            name="value_high_normalised",
            field=models.DecimalField(null=True, **DECIMAL),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="claim", name="value_normalised", field=models.DecimalField(**DECIMAL)
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["unit_family", "claim_date", "id"], name="claim_family_date_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["unit_family", "value_normalised", "id"], name="claim_family_value_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["value_normalised", "id"], name="claim_normalised_value_idx"),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(value_low_normalised__isnull=True)
                | models.Q(value_high_normalised__isnull=True)
                | models.Q(value_low_normalised__lte=models.F("value_high_normalised")),
                name="claim_normalised_interval_ordered",
            ),
        ),
    ]
