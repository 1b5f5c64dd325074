"""`make backup` / `make restore` round-trip: same rows, same history, on SQLite and PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, Status, VerificationNote
from claims.services import note_add
from sources.models import Source
from tests import factories


def snapshot():
    return {
        "claims": list(
            Claim.objects.order_by("pk").values_list("pk", "value", "status", "version")
        ),
        "notes": list(VerificationNote.objects.order_by("pk").values_list("pk", "body")),
        "sources": list(Source.objects.order_by("pk").values_list("pk", "title", "text_sha256")),
        "claim_history": list(
            Claim.history.order_by("history_id").values_list(
                "history_id", "id", "status", "history_user_id", "history_type"
            )
        ),
        "note_history": VerificationNote.history.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path):
    editor = factories.user("backup-editor")
    claim = factories.claim()
    note_add(claim=claim, author=editor, body="Checked.", status_to=Status.VERIFIED)
    before = snapshot()

    backup = tmp_path / "factdb.backup"
    call_command("backup", "--output", str(backup))
    assert backup.stat().st_size > 0

    claim.refresh_from_db()
    claim.summary = "changed after the backup"
    claim.save()
    factories.claim(source=claim.source, quote="another figure", value=7)
    assert snapshot() != before

    call_command("restore", str(backup), "--yes")
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_asks_for_confirmation_and_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing"), "--yes")
    (tmp_path / "b").write_bytes(b"x")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "b"))


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    # It holds every password hash and API token: 0600, even over an existing 0644 file.
    factories.claim()
    backup = tmp_path / "backups" / "factdb.backup"
    backup.parent.mkdir()
    backup.write_bytes(b"")
    backup.chmod(0o644)

    call_command("backup", "--output", str(backup))

    assert backup.stat().st_size > 0
    assert backup.stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db(transaction=True)
def test_the_backups_folder_it_makes_is_private_too(tmp_path):
    backup = tmp_path / "new-folder" / "factdb.backup"

    call_command("backup", "--output", str(backup))

    assert backup.stat().st_mode & 0o777 == 0o600
    assert backup.parent.stat().st_mode & 0o777 == 0o700
