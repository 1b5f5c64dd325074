"""The newsroom's roles as groups: Editors verify and edit, Journalists read and build fact sheets."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = ["view"]
EDITORS = {
    "sources.publisher": ["add", "change", "view"],
    "sources.claimant": ["add", "change", "view"],
    "sources.source": ["add", "change", "view"],
    "claims.measure": ["add", "change", "view"],
    "claims.tag": ["add", "change", "view"],
    "claims.claim": ["add", "change", "view"],
    "claims.verificationnote": ["add", "view"],
    "claims.factsheet": ["add", "change", "view"],
    "claims.factsheetitem": ["add", "change", "delete", "view"],
    "claims.factsheetversion": ["add", "view"],
}
JOURNALISTS = {
    **{model: READ for model in EDITORS},
    "claims.factsheet": ["add", "change", "view"],
    "claims.factsheetitem": ["add", "change", "delete", "view"],
    "claims.factsheetversion": ["add", "view"],
}


def grant(apps, group_name, table):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for label, actions in table.items():
        app_label, model = label.split(".")
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    from django.apps import apps as global_apps

    for app_label in ("sources", "claims"):
        app_config = global_apps.get_app_config(app_label)
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    grant(apps, "Editors", EDITORS)
    grant(apps, "Journalists", JOURNALISTS)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Journalists"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_search_vector"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
