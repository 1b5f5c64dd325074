"""DRF's throttles, with their history kept packed: the same sliding log of request times, the
same limits and the same Retry-After, stored as an array of doubles instead of a list.

DRF keeps each client's log in the cache, newest first, and reads and writes it whole at every
request: at 1,200 requests a minute a busy client's log holds up to 1,200 times, and pickling
and unpickling them as a list of floats took about 18 µs a request, more than reading the
client's answer from PostgreSQL (an unchanged poll costs about 0.5 ms of CPU). An array of
doubles pickles as one block of bytes.
"""

from array import array

from django.core.cache import cache as default_cache
from rest_framework import throttling


class PackedLog:
    """The cache, as DRF's SimpleRateThrottle reads and writes its log in it."""

    def __init__(self, cache):
        self.cache = cache

    def get(self, key, default=None):
        history = self.cache.get(key)
        if history is None:
            return array("d")
        return history if isinstance(history, array) else array("d", history)

    def set(self, key, history, timeout):
        self.cache.set(key, history, timeout)


class PackedHistory:
    """A mixin for any SimpleRateThrottle."""

    cache = PackedLog(default_cache)

    def allow_known(self, key) -> bool:
        """DRF's allow_request for a client whose cache key is known already (an unchanged poll
        answered again, factdb/api/unchanged_polls.py): the same log, limit and count."""
        self.get_cache_key = lambda request, view: key
        return self.allow_request(None, None)


class AnonRateThrottle(PackedHistory, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(PackedHistory, throttling.UserRateThrottle):
    pass
