"""Sanity checks on a claim's fields: things worth a second look, never a reason to refuse.

One place for the claim form (as the editor types, and after a save) and for the desk's review
of a proposal. ``claim_warnings(...)`` takes the fields and the source, and returns what looks
wrong, each with the field it concerns::

    claim_warnings(quote="up to 6,000 troops", value=Decimal(7000), source=s)
        -> [Warning("value_not_in_quote", "value", "7,000 is not a figure of the quote …")]

The checks: the value is not a figure the quote states; the quote is not in the source's text
snapshot; the claim date is in the future, or before the source's date; the same figure and
quote are already recorded for the source. Only the last one reads the database (through
``claims.selectors``).
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claims.figures.formatting import plain_number
from claims.figures.parsing import find_quantities
from claims.selectors import same_figure_and_quote
from sources.models import format_date_with_precision


@dataclass(frozen=True)
class Warning:
    code: str
    field: str
    message: str
    claim_ids: tuple[int, ...] = ()  # the claims a duplicate warning points to

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "claims": list(self.claim_ids),
        }


def claim_warnings(
    *,
    quote: str,
    source,
    value: Decimal | None = None,
    unit: str = "",
    claim_date: datetime.date | None = None,
    claim_id: int | None = None,
    today: datetime.date | None = None,
) -> list[Warning]:
    """What looks wrong about a claim with these fields, in form order; empty when nothing does."""
    quote = quote or ""
    today = today or timezone.localdate()
    language = getattr(source, "language", "") or "en"
    found = []
    if quote.strip() and value is not None and not value_in_quote(value, quote, language):
        found.append(
            Warning(
                "value_not_in_quote",
                "value",
                _("%(value)s is not a figure the quote states: check the value, or the quote.")
                % {"value": plain_number(value)},
            )
        )
    text = getattr(source, "text", "") or ""
    if quote.strip() and text and not quote_in_text(quote, text):
        found.append(
            Warning(
                "quote_not_in_source",
                "quote",
                _(
                    "The quote is not in the source's text snapshot: check it word for word "
                    "(or the source)."
                ),
            )
        )
    if claim_date is not None and claim_date > today:
        found.append(
            Warning(
                "claim_date_in_future",
                "claim_date",
                _("The claim date %(date)s is in the future.") % {"date": spoken(claim_date)},
            )
        )
    published = getattr(source, "published_on", None)
    if claim_date is not None and published is not None and claim_date < published:
        found.append(
            Warning(
                "claim_date_before_source",
                "claim_date",
                _(
                    "The claim date %(date)s is before the source's date (%(source_date)s): "
                    "right only when the source reports an earlier statement."
                )
                % {"date": spoken(claim_date), "source_date": source.published_display},
            )
        )
    if quote.strip() and value is not None and getattr(source, "pk", None):
        ids = same_figure_and_quote(
            source=source, quote=quote, value=value, unit=unit, exclude_pk=claim_id
        )
        if ids:
            found.append(
                Warning(
                    "duplicate",
                    "quote",
                    _(
                        "The same figure and quote are already recorded for this source "
                        "(claim %(ids)s)."
                    )
                    % {"ids": ", ".join(str(pk) for pk in ids)},
                    tuple(ids),
                )
            )
    return found


def spoken(day: datetime.date) -> str:
    """A date as the page's reader writes it ("1 de mayo de 2025"), as the source's is shown."""
    return format_date_with_precision(day, "day", get_language())


def value_in_quote(value: Decimal, quote: str, language: str = "en") -> bool:
    """Whether the quote states the value: as a figure the parser reads ("6 mil" is 6000), or as
    the bound of one ("between 1,000 and 3,000" states both)."""
    for quantity in find_quantities(quote, language=language):
        if value in {quantity.value, quantity.low, quantity.high}:
            return True
    # A bare number the parser does not take for a figure (a year, "No. 5") still counts.
    digits = plain_number(value)
    return digits in _numbers(quote)


def quote_in_text(quote: str, text: str) -> bool:
    """The quote in the text, word for word; runs of white space count as one space."""
    if quote in text:
        return True
    return " ".join(quote.split()) in " ".join(text.split())


def _numbers(text: str) -> set[str]:
    return {m.replace(",", "") for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
