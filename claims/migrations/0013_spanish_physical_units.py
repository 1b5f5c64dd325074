"""Claims stated in Spanish length, mass, volume and area units ("80 kilómetros", "50 millas")
now normalise with their English names (claims/figures/units.py PINT_ALIASES): recompute the
stored family and normalised figure of those already stored."""

from django.db import migrations

from claims.figures import units


def renormalise(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    for claim in Claim.objects.filter(unit_family__startswith="words:").iterator():
        if " ".join(units._words(claim.unit)) not in units.PINT_ALIASES:
            continue
        stored = units.stored_figure(
            claim.value,
            claim.value_low,
            claim.value_high,
            claim.unit,
            claim.currency,
            claim.rate_period,
        )
        Claim.objects.filter(pk=claim.pk).update(
            unit_family=stored.family,
            value_normalised=stored.value,
            value_low_normalised=stored.low,
            value_high_normalised=stored.high,
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_lineage_and_corrections")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
