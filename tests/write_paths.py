"""What every write-path test shares: each path performs one write the way a person does it (an
admin form or action, an API call with a token, a management command, a restore), and
`check_write_path` counts the history records it left across every tracked model: exactly one
per row written, naming who wrote it. Every write goes through a service (claims.services,
claims.factsheets.services, factdb.history.recovery), so each path is one of its callers.

The paths live beside the tests of their interface: tests/claims/admin/test_write_paths.py,
tests/claims/api/test_write_paths.py, tests/sources/api/test_write_paths.py and
tests/claims/management/test_write_paths.py.
"""

from collections import Counter

from django.apps import apps


def tracked_models():
    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def history_marks() -> dict:
    return {
        m: m.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
        for m in tracked_models()
    }


def records_since(marks: dict) -> list:
    return [
        record
        for model, last in marks.items()
        for record in model.history.filter(history_id__gt=last).select_related("history_user")
    ]


marks: dict = {}


def begin():
    """The write starts here: records from the case's own setup are not counted."""
    marks.clear()
    marks.update(history_marks())


def admin_client(client, user):
    client.force_login(user)
    return client


def api_write(name, method, url, body, expect):
    """A plain API write by the editor, with a token; `url` and `body` may name the claim."""

    def path(client, users, claim):
        begin()
        send = getattr(users["api"](users["editor"]), method)
        data = {key: value.format(claim=claim) for key, value in body.items()}
        response = send(url.format(claim=claim), data, format="json")
        assert response.status_code == expect, response.json()

    path.__name__ = name
    return path


def check_write_path(
    paths, path, client, token_api, editor, journalist, admin_user, claim, tmp_path
):
    """Perform `path` (one write) and check it left one history record per row, naming its
    author; `paths[path]` is (who acts, rows written per model)."""
    role, written = paths[path]
    users = {
        "editor": editor,
        "journalist": journalist,
        "admin": admin_user,
        "tmp_path": tmp_path,
        "api": token_api,
    }
    marks.clear()

    path(client, users, claim)

    assert marks, "the case never said where its write begins"
    records = records_since(marks)
    rows = Counter((r.instance_type._meta.model_name, r.id) for r in records)
    assert [row for row, n in rows.items() if n > 1] == [], "a row got more than one record"
    per_model = Counter(model for model, _ in rows)
    assert dict(per_model) == written, dict(per_model)
    assert {r.history_user for r in records} == {users[role]}
