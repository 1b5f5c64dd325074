"""``within(seconds)``: fail a test whose code does not return in time, instead of hanging.

A loop that never ends (the timeline's tick loop once did) would otherwise hold the suite until
CI gives up; the alarm raises in the test's own thread, where the loop runs.
"""

import contextlib
import signal

from django.db import connection

# Two figures a float cannot tell apart by a tick step (the tick loop's old hang); SQLite keeps 15
# significant digits and refuses these, so there the closest pair it keeps stands in.
ONE_FLOAT_STEP_APART = (
    ("10000000000000000", "10000000000000002")
    if connection.vendor == "postgresql"
    else ("10000000000000", "10000000000000.1")
)


class TooSlow(AssertionError):
    pass


@contextlib.contextmanager
def within(seconds: float):
    def expire(signum, frame):
        raise TooSlow(f"did not return within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
