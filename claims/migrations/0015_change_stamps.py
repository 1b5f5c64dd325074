"""The change stamp and its triggers (claims/change_stamps.py)."""

from django.db import migrations

from claims.change_stamps import TRIGGERS


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sources", "0009_import_progress_label"),
        ("claims", "0014_merge_lineage_and_desk"),
    ]

    operations = [migrations.RunPython(TRIGGERS.forwards, TRIGGERS.backwards)]
