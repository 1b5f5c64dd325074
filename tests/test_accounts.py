"""Accounts are deactivated, not deleted, and oversized requests are refused before parsing."""

from django.contrib.auth import get_user_model
from django.urls import reverse


def test_users_cannot_be_deleted_in_the_admin(admin_client, editor):
    url = reverse("admin:auth_user_delete", args=[editor.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert get_user_model().objects.filter(pk=editor.pk).exists()


def test_deactivating_a_user_keeps_the_account(admin_client, editor):
    url = reverse("admin:auth_user_changelist")
    response = admin_client.post(url, {"action": "deactivate", "_selected_action": [editor.pk]})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.is_active is False


def test_a_body_over_the_limit_gets_413(client, settings, db):
    settings.FACTDB_MAX_BODY_BYTES = 1000
    response = client.post(
        reverse("admin:login"), data="x" * 2000, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    assert "limit is 1000 bytes" in response.json()["detail"]
