"""The one error intake raises: a message an editor can act on, and the input it is about."""


class IntakeError(ValueError):
    """Refused input: nothing is stored. `field` names what the message is about ("url",
    "file", "published", …) so the API can answer a 400 keyed by it."""

    def __init__(self, message: str, *, field: str = "url"):
        self.field = field
        self.message = message
        super().__init__(message)
