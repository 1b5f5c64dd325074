"""Who history records name when a write does not come from a web request.

During a request, simple_history's HistoryRequestMiddleware gives every record the request's user
(DRF sets that user on the Django request when a token authenticates it, so API writes are covered
too). Management commands and scripts have no request; they wrap their writes in
`acting_as(user)` so each record they cause names the person who ran them.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from simple_history.models import HistoricalRecords


def command_user(username: str | None):
    """The user a command's `--user USERNAME` names (None when not given), or a clear error."""
    if username is None:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--user: no user named {username!r}")
    return user


@contextmanager
def acting_as(user):
    """Attribute every history record written inside the block to `user` (None: nobody)."""
    context = HistoricalRecords.context
    missing = object()
    previous = getattr(context, "request", missing)
    # simple_history only reads `request.user`; a stand-in with that one attribute is enough.
    context.request = SimpleNamespace(user=user) if user is not None else None
    try:
        yield
    finally:
        if previous is missing:
            del context.request
        else:
            context.request = previous
