"""The measure page in the admin: agreement marks, the timeline chart, suggestions to attach."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Hedge, Status
from tests import factories

JUNE = datetime.date(2019, 6, 10)


def on(measure, value, hedge=Hedge.EXACT, **fields):
    fields.setdefault("claim_date", JUNE)
    fields.setdefault("unit", "National Guard troops")
    return factories.claim(measure=measure, value=Decimal(value), hedge=hedge, **fields)


@pytest.fixture
def deployment(db):
    measure = factories.measure(label="Mexican National Guard troops deployed, 2019")
    on(measure, "6000", Hedge.AT_MOST)
    on(measure, "6500", Hedge.APPROX)
    on(measure, "6000", Hedge.MORE_THAN)
    on(measure, "7000", status=Status.RETRACTED)
    return measure


@pytest.fixture
def loose(db):
    return factories.claim(
        quote="Mexico deployed 6,000 National Guard troops in 2019",
        value=Decimal(6000),
        hedge=Hedge.EXACT,
        unit="troops",
        claim_date=JUNE,
    )


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, measure):
    return client.get(reverse("admin:claims_measure_change", args=[measure.pk]))


def test_the_measure_page_marks_conflicts_and_says_why(editor, deployment):
    response = page(logged_in(editor), deployment)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("✕ conflicts") == 2  # "up to 6,000" and "more than 6,000"
    assert html.count("✓ agrees") == 1
    assert "cannot both be true" in html
    assert "1 retracted claim left out." in html


def test_the_measure_page_draws_the_timeline_inline(editor, deployment):
    html = page(logged_in(editor), deployment).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "&lt;svg" not in html  # the chart is not escaped twice


def test_a_hostile_label_is_escaped_on_the_page(editor, db):
    measure = factories.measure(label="<script>alert(1)</script>")
    on(measure, "5", unit="<img src=x onerror=alert(1)>")
    html = page(logged_in(editor), measure).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_an_editor_attaches_a_suggested_claim(editor, deployment, loose):
    client = logged_in(editor)
    assert "Attach to this measure" in page(client, deployment).content.decode()
    url = reverse("admin:claims_measure_attach", args=[deployment.pk, loose.pk])
    response = client.post(url)
    assert response.status_code == 302
    loose.refresh_from_db()
    assert loose.measure == deployment
    assert loose.history.first().history_user == editor


def test_attaching_needs_a_post_and_the_right_to_change_claims(journalist, deployment, loose):
    client = logged_in(journalist)
    url = reverse("admin:claims_measure_attach", args=[deployment.pk, loose.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert Claim.objects.get(pk=loose.pk).measure is None


def test_a_claim_already_on_a_measure_is_not_moved(editor, deployment, loose):
    other = factories.measure(label="Other")
    loose.measure = other
    loose.save()
    client = logged_in(editor)
    client.post(reverse("admin:claims_measure_attach", args=[deployment.pk, loose.pk]))
    assert Claim.objects.get(pk=loose.pk).measure == other
