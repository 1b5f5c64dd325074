"""The reads answered before the middleware stack and DRF (factdb/api/early_reads.py) answer
exactly what the full request answers: the same status, every header but Date, the same bytes.
Each case is asked twice, once as the product serves it and once with the early lane taken out
of MIDDLEWARE, so that a middleware added later that writes a header fails here until the early
lane writes it too."""

import pytest
from rest_framework.test import APIClient

from claims.api.views import ClaimViewSet
from claims.models import Status
from tests import factories

CLAIMS = "/api/v1/claims/"
LANE = "factdb.api.early_reads.EarlyReadsMiddleware"


def detail(claim):
    return f"{CLAIMS}{claim.pk}/"


@pytest.fixture
def answered_early(monkeypatch):
    """Whether a response was answered without the view's dispatch (DRF's cycle) running."""
    reached = []
    dispatch = ClaimViewSet.dispatch

    def counted(self, request, *args, **kwargs):
        reached.append(request)
        return dispatch(self, request, *args, **kwargs)

    monkeypatch.setattr(ClaimViewSet, "dispatch", counted)
    return lambda response: not any(r is response.wsgi_request for r in reached)


def headers(response) -> dict:
    return {k: v for k, v in response.headers.items() if k != "Date"}


@pytest.fixture
def full_client(settings):
    """A client of the same server without the early lane."""

    def make(credentials: dict):
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != LANE]
        client = APIClient()
        client.credentials(**credentials)
        return client

    return make


@pytest.mark.parametrize("language", ["en", "es-MX"])
@pytest.mark.parametrize("case", ["list 304", "detail 304", "detail 200"])
def test_an_early_answer_is_the_full_answer(
    journalist_api, full_client, claim, case, language, answered_early
):
    url = CLAIMS if case.startswith("list") else detail(claim)
    extra = {"HTTP_ACCEPT_LANGUAGE": language}
    if case.endswith("304"):
        extra["HTTP_IF_NONE_MATCH"] = journalist_api.get(url, **extra)["ETag"]
    early = journalist_api.get(url, **extra)
    assert answered_early(early)
    full = full_client(journalist_api._credentials).get(url, **extra)
    assert not answered_early(full)
    assert early.status_code == full.status_code == int(case[-3:])
    assert headers(early) == headers(full)
    assert early.content == full.content


def test_an_anonymous_public_poll_is_answered_early_as_in_full(
    public_read, anon_api, full_client, claim, answered_early
):
    claim.status = Status.VERIFIED
    claim.save()
    etag = anon_api.get(detail(claim))["ETag"]
    early = anon_api.get(detail(claim), HTTP_IF_NONE_MATCH=etag)
    full = full_client({}).get(detail(claim), HTTP_IF_NONE_MATCH=etag)
    assert answered_early(early) and early.status_code == full.status_code == 304
    assert headers(early) == headers(full)


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_ACCEPT": "text/csv"},
        {"HTTP_ACCEPT": "text/html"},
        {"QUERY_STRING": "format=csv"},
    ],
)
def test_another_format_is_left_to_the_full_request(journalist_api, claim, extra, answered_early):
    response = journalist_api.get(detail(claim), **extra)
    assert response.status_code == 200
    assert not answered_early(response)


def test_a_missing_claim_or_a_refused_reader_is_left_to_the_full_request(
    journalist_api, client_for, claim, answered_early
):
    missing = journalist_api.get(f"{CLAIMS}999999/")
    assert missing.status_code == 404 and not answered_early(missing)
    refused = client_for(factories.user("no-role")).get(detail(claim))
    assert refused.status_code == 403 and not answered_early(refused)


def test_an_unknown_host_is_refused_early_too(journalist_api, claim, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert journalist_api.get(detail(claim), HTTP_HOST="evil.example").status_code == 400
    assert journalist_api.get(detail(claim)).status_code == 200
