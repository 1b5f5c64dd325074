"""Building sheets in the admin: add claims from the claim list, order items, preview, publish."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.models import Claim, FactSheet, FactSheetVersion
from tests import factories


@pytest.fixture
def jo_client(client, journalist):
    client.force_login(journalist)
    return client


def add_to_sheet(client, claims, **form):
    data = {"action": "add_to_fact_sheet", ACTION_CHECKBOX_NAME: [c.pk for c in claims], **form}
    return client.post(reverse("admin:claims_claim_changelist"), data)


def test_add_to_fact_sheet_first_asks_which_sheet(jo_client, seed_sheet, claim):
    response = add_to_sheet(jo_client, [claim])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Add claims to a fact sheet" in page
    assert seed_sheet.title in page and "a new fact sheet" in page


def test_add_to_fact_sheet_appends_to_an_existing_sheet(jo_client, seed_sheet, claim):
    response = add_to_sheet(jo_client, [claim], apply="1", sheet=seed_sheet.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_factsheet_change", args=[seed_sheet.pk])
    last = seed_sheet.items.order_by("position").last()
    assert (last.claim, last.position) == (claim, 5)


def test_add_to_fact_sheet_can_create_the_sheet(jo_client, journalist, claim):
    add_to_sheet(jo_client, [claim], apply="1", new_title="Troops on the border")
    sheet = FactSheet.objects.get(slug="troops-on-the-border")
    assert sheet.created_by == journalist
    assert list(sheet.claims.all()) == [claim]


def test_add_to_fact_sheet_needs_a_sheet_or_a_title(jo_client, claim):
    response = add_to_sheet(jo_client, [claim], apply="1")
    assert response.status_code == 200
    assert "Choose a fact sheet, or give the new sheet a title." in response.content.decode()
    assert not FactSheet.objects.exists()


def test_the_sheet_page_orders_items_by_position_and_links_preview_and_publish(
    jo_client, seed_sheet
):
    response = jo_client.get(reverse("admin:claims_factsheet_change", args=[seed_sheet.pk]))
    page = response.content.decode()
    figures = ["up to 6,000 National Guard troops", "1,500 active duty troops", "80,500 migrants"]
    assert [page.index(figure) for figure in figures] == sorted(page.index(f) for f in figures)
    assert reverse("admin:claims_factsheet_preview", args=[seed_sheet.pk, "html"]) in page
    assert reverse("admin:claims_factsheet_publish", args=[seed_sheet.pk]) in page


def test_items_are_reordered_by_editing_their_position(jo_client, seed_sheet):
    url = reverse("admin:claims_factsheet_change", args=[seed_sheet.pk])
    items = list(seed_sheet.items.order_by("position"))
    data = {
        "title": seed_sheet.title,
        "slug": seed_sheet.slug,
        "intro": seed_sheet.intro,
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(items),
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
    }
    for n, item in enumerate(items):
        position = len(items) - n  # reverse the order
        data.update(
            {
                f"items-{n}-id": item.pk,
                f"items-{n}-sheet": seed_sheet.pk,
                f"items-{n}-claim": item.claim_id,
                f"items-{n}-position": position,
                f"items-{n}-note": item.note,
            }
        )
    response = jo_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    reordered = list(seed_sheet.items.order_by("position").values_list("claim_id", flat=True))
    assert reordered == [item.claim_id for item in reversed(items)]


def test_preview_renders_the_html_export_of_the_draft(jo_client, seed_sheet):
    url = reverse("admin:claims_factsheet_preview", args=[seed_sheet.pk, "html"])
    response = jo_client.get(url)
    assert response.status_code == 200
    assert "Draft generated" in response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_a_preview_too_large_for_a_request_is_refused_with_a_message(
    jo_client, seed_sheet, settings
):
    settings.FACTDB_FACTSHEET_MAX_PDF_CLAIMS = 3  # the seed sheet holds 4
    url = reverse("admin:claims_factsheet_preview", args=[seed_sheet.pk, "pdf"])
    response = jo_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:claims_factsheet_change", args=[seed_sheet.pk]
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert "has 4 claims" in message and "at most 3" in message
    assert "manage.py export_factsheet" in message
    html = reverse("admin:claims_factsheet_preview", args=[seed_sheet.pk, "html"])
    assert jo_client.get(html).status_code == 200


def test_publishing_asks_for_confirmation_then_freezes_a_version(jo_client, journalist, seed_sheet):
    url = reverse("admin:claims_factsheet_publish", args=[seed_sheet.pk])
    confirm = jo_client.get(url).content.decode()
    assert "Publish version 1" in confirm and "Not yet verified" in confirm
    assert not FactSheetVersion.objects.exists()
    jo_client.post(url, {"number": "1"})
    jo_client.post(url, {"number": "1"})  # sent again: still one version
    version = FactSheetVersion.objects.get()
    assert (version.number, version.published_by) == (1, journalist)
    page = jo_client.get(reverse("admin:claims_factsheet_change", args=[seed_sheet.pk]))
    assert "?version=1" in page.content.decode()


def test_the_publish_action_freezes_each_selected_sheet(jo_client, seed_sheet):
    jo_client.post(
        reverse("admin:claims_factsheet_changelist"),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [seed_sheet.pk]},
    )
    assert seed_sheet.versions.count() == 1


def test_the_sheet_history_records_who_changed_it(jo_client, seed_sheet):
    response = jo_client.get(reverse("admin:claims_factsheet_history", args=[seed_sheet.pk]))
    assert response.status_code == 200


def test_a_user_without_a_role_cannot_preview_or_publish(client, seed_sheet):
    client.force_login(factories.user("nobody"))
    preview = reverse("admin:claims_factsheet_preview", args=[seed_sheet.pk, "html"])
    publish = reverse("admin:claims_factsheet_publish", args=[seed_sheet.pk])
    assert client.get(preview).status_code in (403, 404)
    assert client.post(publish).status_code in (403, 404)
    assert not FactSheetVersion.objects.exists()
    assert Claim.objects.count() == 4
