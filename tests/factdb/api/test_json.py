"""factdb.api.renderers.JSONRenderer writes DRF's JSON with orjson: the same bytes, faster."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from factdb.api.renderers import JSONRenderer

PAYLOADS = {
    "a claim row": {
        "id": 12,
        "quote": "Mexico deploys «up to 6,000» troops — 日本語 ✓",
        "value": "6000",
        "tags": ["border", "troops"],
        "citation": {"published_on": "2019-06-01", "url": None},
        "verified": True,
    },
    "dates, times and decimals": {
        "day": datetime.date(2019, 6, 1),
        "at": datetime.datetime(2025, 2, 14, 9, 30, 12, 123456, tzinfo=datetime.UTC),
        "naive": datetime.datetime(2025, 2, 14, 9, 30),
        "time": datetime.time(9, 30, 12, 500000),
        "amount": Decimal("800.50"),
        "duration": datetime.timedelta(days=1, seconds=5),
    },
    "line separators JavaScript would choke on": {"quote": "one\u2028two\u2029three"},
    "control characters and quotes": {"quote": 'say "six"\n\t\\ \x00\x1f'},
    "lazy text, sets, uuids, non-string keys": {
        "label": gettext_lazy("Verified"),
        "ids": {3},
        "key": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        1: "one",
    },
    "an integer beyond 64 bits": {"big": 2**70},
    "a list": [1, 2.5, "three", None],
}


@pytest.mark.parametrize("data", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_it_writes_the_bytes_drf_writes(data):
    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)


@override_settings(USE_TZ=True, TIME_ZONE="UTC")
def test_timestamps_keep_drfs_iso_format_with_z_for_utc():
    moment = datetime.datetime(2025, 2, 14, 9, 30, 12, 123456, tzinfo=datetime.UTC)
    assert JSONRenderer().render({"at": moment}) == b'{"at":"2025-02-14T09:30:12.123456Z"}'


def test_indented_output_is_left_to_drf():
    data = {"a": [1, 2]}
    indented = JSONRenderer().render(data, "application/json; indent=2")
    assert indented == DRFJSONRenderer().render(data, "application/json; indent=2")
    assert b"\n" in indented


def test_nothing_renders_as_empty():
    assert JSONRenderer().render(None) == b""


def test_the_api_answers_with_it(journalist_api, claim):
    response = journalist_api.get("/api/v1/claims/")
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, JSONRenderer)
    # The detail is answered before DRF's cycle (factdb/api/early_reads.py), by the same class.
    detail = journalist_api.get(f"/api/v1/claims/{claim.pk}/")
    assert detail.content == JSONRenderer().render(detail.json())
