"""Django's PostgreSQL backend, checking a kept connection's health once a second, not per request.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request that
reuses a connection: a network round trip of its own, a third of a claim detail's (token,
claim, health check; bench/RESULTS.md), to find out what the previous request a few
milliseconds earlier already showed. Here a connection that served a request without errors
less than HEALTH_CHECK_AFTER seconds ago is taken as healthy; an idle one is checked as Django
checks it. A connection that dies within that second fails one request, as any connection can
fail mid-request; Django closes it at the end of that request, and the next one reconnects.
"""

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_AFTER = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    _healthy_at = None

    def close_if_health_check_failed(self):
        recent = self._healthy_at is not None and (
            time.monotonic() - self._healthy_at < HEALTH_CHECK_AFTER
        )
        if recent and self.connection is not None and not self.connection.closed:
            self.health_check_done = True
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Django calls this as a request starts and as it ends. At the end of one that used the
        # connection (its health was settled at the first query) without an error, the
        # connection has just worked. At the start, health_check_done is False again (the
        # previous call reset it), so the time of the last request that used it is kept.
        used = self.connection is not None and self.health_check_done
        worked = used and not self.errors_occurred
        super().close_if_unusable_or_obsolete()
        if self.connection is None:
            self._healthy_at = None
        elif used:
            self._healthy_at = time.monotonic() if worked else None

    def close(self):
        self._healthy_at = None
        super().close()
