"""The auth stamp and its triggers (factdb/auth_stamp.py)."""

from django.db import migrations

from factdb.auth_stamp import TRIGGERS


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("factdb", "0001_language_preference"),
    ]

    operations = [migrations.RunPython(TRIGGERS.forwards, TRIGGERS.backwards)]
