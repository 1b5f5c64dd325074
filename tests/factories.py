"""Small factories for model data: each returns a saved, valid object; override any field."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model

from claims.models import Claim, Hedge, Measure
from sources.models import Claimant, Publisher, Source

_seq = itertools.count(1)

ARTICLE_TEXT = (
    "Mexico has agreed to mobilize up to 6,000 National Guard troops to its southern border. "
    "Officials said 80,500 migrants had been deported since December."
)


def user(username=None, *, is_superuser=False, password="pw-for-tests-1"):
    username = username or f"user{next(_seq)}"
    return get_user_model().objects.create_user(
        username=username,
        password=password,
        is_staff=True,
        is_superuser=is_superuser,
    )


def publisher(**fields):
    fields.setdefault("name", f"Publisher {next(_seq)}")
    return Publisher.objects.create(**fields)


def claimant(**fields):
    fields.setdefault("name", f"Claimant {next(_seq)}")
    return Claimant.objects.create(**fields)


def source(**fields):
    n = next(_seq)
    fields.setdefault("publisher", fields.get("publisher") or publisher())
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("url", f"https://news.example/{n}")
    fields.setdefault("published_on", datetime.date(2019, 6, 10))
    fields.setdefault("text", ARTICLE_TEXT)
    obj = Source(**fields)
    obj.full_clean()
    obj.save()
    return obj


def measure(**fields):
    fields.setdefault("label", f"Measure {next(_seq)}")
    return Measure.objects.create(**fields)


def claim(**fields):
    fields.setdefault("source", fields.get("source") or source())
    fields.setdefault("quote", "up to 6,000 National Guard troops")
    fields.setdefault("value", Decimal("6000"))
    fields.setdefault("hedge", Hedge.AT_MOST)
    fields.setdefault("unit", "National Guard troops")
    tags = fields.pop("tags", [])
    obj = Claim(**fields)
    obj.full_clean()
    obj.save()
    if tags:
        obj.tags.set(tags)
    return obj
