"""Progress lines for long commands: "Finding figures: 1,200 of 4,000 sentences", on stderr,
at most once a second and once at the end of each step, so a log stays readable."""

import time

from django.utils.translation import gettext_lazy as _

STEPS = {
    "sentences": _("Finding figures: %(done)s of %(total)s sentences read"),
    "figures": _("Storing proposals: %(done)s of %(total)s figures"),
}


class ProgressLines:
    def __init__(self, stream, every: float = 1.0, clock=time.monotonic):
        self.stream, self.every, self.clock = stream, every, clock
        self.last = None

    def __call__(self, step: str, done: int, total: int) -> None:
        now = self.clock()
        if done < total and self.last is not None and now - self.last < self.every:
            return
        self.last = now
        template = str(STEPS.get(step, "%(done)s / %(total)s"))
        self.stream.write(template % {"done": f"{done:,}", "total": f"{total:,}"})
