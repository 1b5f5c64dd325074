"""Under FACTDB_PUBLIC_READ anonymous readers get fact sheets without staff usernames: no
`published_by` or `created_by`, and verification notes signed by the newsroom, in every format."""

import pytest
from rest_framework.test import APIClient

from claims.factsheets.renderers import FORMATS
from claims.factsheets.services import sheet_publish

from .conftest import pdf_text


@pytest.fixture
def published(seed_sheet, editor, public_read):
    editor.first_name, editor.last_name = "Edwina", "Desk"
    editor.save()
    sheet_publish(sheet=seed_sheet, user=editor)
    return seed_sheet


def text_of(response, fmt) -> str:
    return pdf_text(response.content) if fmt == "pdf" else response.content.decode()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_anonymous_exports_name_no_staff(published, fmt):
    response = APIClient().get(f"/api/v1/factsheets/{published.slug}/export/{fmt}/")

    assert response.status_code == 200
    text = text_of(response, fmt)
    assert "eddie" not in text and "Edwina" not in text
    if fmt in ("md", "html", "csv", "json"):
        assert "factdb newsroom" in text  # who signs the notes instead


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_signed_in_readers_still_see_who_wrote_the_note(published, journalist_api, fmt):
    response = journalist_api.get(f"/api/v1/factsheets/{published.slug}/export/{fmt}/?version=1")
    assert "Edwina Desk" in response.content.decode()


def test_an_anonymous_ad_hoc_sheet_names_no_staff(published):
    response = APIClient().get("/api/v1/claims/factsheet/md/")

    assert response.status_code == 200
    assert "Edwina" not in response.content.decode()
    assert "Matches the SRE statement." in response.content.decode()


def test_the_sheet_api_names_no_staff_to_anonymous_readers(published, journalist_api):
    detail = f"/api/v1/factsheets/{published.slug}/"
    anonymous = APIClient().get(detail).json()
    signed_in = journalist_api.get(detail).json()

    assert "published_by" not in anonymous["versions"][0] and "created_by" not in anonymous
    assert "eddie" not in str(anonymous) and "eddie" not in str(
        APIClient().get("/api/v1/factsheets/").json()
    )
    assert signed_in["versions"][0]["published_by"] == "eddie"
    assert signed_in["created_by"] == "eddie"
