"""factdb's throttles keep DRF's sliding log packed (factdb/throttling.py): the same answers
and the same waits as DRF's own, request after request."""

from array import array
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework import throttling as drf

from factdb import throttling

# Request times, seconds: a burst, a pause shorter than the window, one after it has passed.
TIMES = [0, 1, 2, 3, 4, 30, 59.5, 60.5, 61, 62, 62.5, 200, 200.1, 200.2, 200.3]


def answers(throttle_class, key_prefix):
    class Throttle(throttle_class):
        rate = "3/m"
        cache_format = key_prefix + "_%(scope)s_%(ident)s"

    request = SimpleNamespace(user=SimpleNamespace(is_authenticated=True, pk=7), META={})
    out = []
    for now in TIMES:
        throttle = Throttle()
        throttle.timer = lambda now=now: now
        allowed = throttle.allow_request(request, None)
        out.append((allowed, None if allowed else throttle.wait()))
    return out


def test_the_packed_throttle_answers_as_drfs_own(db):
    cache.clear()
    theirs = answers(drf.UserRateThrottle, "theirs")
    ours = answers(throttling.UserRateThrottle, "ours")
    assert ours == theirs
    assert [allowed for allowed, _ in ours].count(False) >= 4  # the limit was reached
    assert isinstance(cache.get("ours_user_7"), array)


def test_a_log_drf_left_as_a_list_is_read(db):
    cache.clear()
    cache.set("throttle_user_7", [100.0, 99.0, 98.0], 60)
    throttle = throttling.UserRateThrottle()
    throttle.rate, (throttle.num_requests, throttle.duration) = "3/m", (3, 60)
    throttle.timer = lambda: 101.0
    request = SimpleNamespace(user=SimpleNamespace(is_authenticated=True, pk=7), META={})
    assert not throttle.allow_request(request, None)
    assert throttle.wait() == pytest.approx(60 - (101 - 98))
