"""The exceptions a write raises that every interface (admin, API, commands) answers in its own way:
the API turns them into 412 and 405 (factdb.api.exceptions), the admin into a message."""

from django.utils.translation import gettext as _


class ConcurrentEditError(Exception):
    """The claim changed since the editor loaded it; their save would overwrite someone's work."""

    def __init__(self, current_version):
        self.current_version = current_version
        super().__init__(
            _(
                "This claim was changed by someone else (now version %(version)s). "
                "Reload it and apply your change again."
            )
            % {"version": current_version}
        )


class DeletionRefused(Exception):
    """Claims are retracted, never deleted."""
