"""What is claimed and how it was checked: measures, claims, verification notes and fact sheets."""

from decimal import MAX_PREC, Context, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import connection, models, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Abs
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.figures import hedges, units
from claims.figures.hedges import implied_interval
from factdb.api.etags import etag
from factdb.errors import ConcurrentEditError, DeletionRefused  # noqa: F401  (raised by writes)
from factdb.languages import figure_language
from sources.models import Claimant, Source, format_date_with_precision

# numeric(24, 6): figures up to a quadrillion-quadrillion are plenty for news; the bound also keeps
# PostgreSQL's NaN (which sorts above every number) and Infinity out of the column.
VALUE_DIGITS, VALUE_PLACES = 24, 6
VALUE_LIMIT = Decimal(10) ** (VALUE_DIGITS - VALUE_PLACES)
NORMALISED_DIGITS, NORMALISED_PLACES = units.STORED_DIGITS, units.STORED_PLACES
NORMALISED_FIELDS = [
    "unit_family",
    "value_normalised",
    "value_low_normalised",
    "value_high_normalised",
]
# SQLite stores a decimal as a double and Django reads it back rounded to 15 significant digits.
SQLITE_DIGITS = 15

# A quote is the sentence or clause with the figure; anything longer is a paste, not a quote.
QUOTE_MAX_CHARS = 5_000

currency_validator = RegexValidator(r"^[A-Z]{3}$", _("Enter an ISO 4217 code such as 'USD'."))


class Hedge(models.TextChoices):
    """The names are claims.figures.hedges'; so is the interval each implies."""

    EXACT = hedges.EXACT, _("exactly")
    APPROX = hedges.APPROX, _("approximately")
    AT_LEAST = hedges.AT_LEAST, _("at least")
    MORE_THAN = hedges.MORE_THAN, _("more than")
    AT_MOST = hedges.AT_MOST, _("at most (up to)")
    LESS_THAN = hedges.LESS_THAN, _("less than")
    RANGE = hedges.RANGE, _("range")
    VAGUE = hedges.VAGUE, _("vague")


class Status(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    IN_REVIEW = "in_review", _("In review")
    VERIFIED = "verified", _("Verified")
    DISPUTED = "disputed", _("Disputed")
    FALSE = "false", _("False")
    MISLEADING = "misleading", _("Misleading")
    UNVERIFIABLE = "unverifiable", _("Unverifiable")
    RETRACTED = "retracted", _("Retracted")
    REJECTED = "rejected", _("Rejected proposal")


# Still to be checked: the review queue, the dashboard's "to review", the desk's queue filter.
Status.OPEN = (Status.UNVERIFIED, Status.IN_REVIEW)
# Not figures on the record: compared with nothing, suggested for nothing. Rejected proposals
# (parser noise) are also left out of lists and exports unless a status is asked for.
Status.OFF_RECORD = (Status.RETRACTED, Status.REJECTED)
# The outcomes of a check, in the order an editor reads them (the desk's verdict buttons).
Status.VERDICTS = (
    Status.VERIFIED,
    Status.DISPUTED,
    Status.FALSE,
    Status.MISLEADING,
    Status.UNVERIFIABLE,
)


class RatePeriod(models.TextChoices):
    NONE = "", _("(not a rate)")
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    QUARTER = "quarter", _("per quarter")
    YEAR = "year", _("per year")


class Attribution(models.TextChoices):
    ASSERTED = "asserted", _("The source asserts it")
    REPORTED = "reported", _("The source reports someone else's figure")


class Origin(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    EXTRACTED = "extracted", _("Proposed by extraction")


# A proposal: found by extraction, not yet decided on by an editor.
PROPOSAL = {"origin": Origin.EXTRACTED, "status": Status.UNVERIFIED}


def is_finite(value) -> bool:
    """None (no figure given) counts as finite; NaN and ±Infinity do not."""
    try:
        return value is None or Decimal(value).is_finite()
    except (ArithmeticError, TypeError, ValueError):
        return False


def significant_digits(value) -> int:
    """Decimal("6000.000000") has 1 significant digit; Decimal("1234567.123456") has 13."""
    return len(Decimal(value).normalize(Context(prec=MAX_PREC)).as_tuple().digits)


def sqlite_precision_errors(**figures) -> dict:
    """Figures SQLite would round (or could not read back) are refused instead of saved."""
    if connection.vendor != "sqlite":
        return {}
    return {
        name: gettext(
            "SQLite keeps %(kept)s significant digits; this figure has %(digits)s. "
            "Round it, or run factdb on PostgreSQL."
        )
        % {"kept": SQLITE_DIGITS, "digits": digits}
        for name, value in figures.items()
        if value is not None and (digits := significant_digits(value)) > SQLITE_DIGITS
    }


class MeasureManager(models.Manager):
    def get_by_natural_key(self, label):
        return self.get(label=label)


class Measure(models.Model):
    """What is being counted, independent of who says it; claims on one measure can be compared."""

    label = models.CharField(max_length=300, unique=True, verbose_name=_("label"))
    definition = models.TextField(blank=True, verbose_name=_("definition"))
    default_unit = models.CharField(max_length=80, blank=True, verbose_name=_("default unit"))
    cumulative = models.BooleanField(
        default=False,
        help_text=_("A running total ('deported since December') that can only grow."),
        verbose_name=_("cumulative"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    history = HistoricalRecords()
    objects = MeasureManager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["label"]
        constraints = [
            models.CheckConstraint(condition=~Q(label=""), name="measure_label_not_empty")
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.label,)


class TagManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Tag(models.Model):
    name = models.SlugField(max_length=60, unique=True, allow_unicode=True, verbose_name=_("name"))

    history = HistoricalRecords()
    objects = TagManager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class ClaimQuerySet(models.QuerySet):
    def with_citation(self):
        """Everything a row needs to stand on its own, in one query."""
        return self.select_related("source__publisher", "claimant", "measure").prefetch_related(
            "tags"
        )

    def review_queue(self):
        return self.filter(status__in=Status.OPEN).order_by("created_at", "pk")

    def with_queue_rank(self):
        """Annotate `queue_rank`: 0 while a claim still awaits checking, 1 once it has a verdict."""
        return self.annotate(
            queue_rank=Case(
                When(status__in=Status.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )

    def counts_by_status(self, user) -> dict[str, dict]:
        """{status: {"total", "mine", "proposed"}} in one GROUP BY query, for the desk dashboard."""
        rows = (
            self.order_by()
            .values("status")
            .annotate(
                total=Count("pk"),
                mine=Count("pk", filter=Q(assignee=user)),
                proposed=Count("pk", filter=Q(origin=Origin.EXTRACTED)),
            )
        )
        return {row.pop("status"): row for row in rows}

    def on_same_measure(self, claim):
        """The other claims about what `claim` counts, so an editor can compare figures."""
        if claim.measure_id is None:
            return self.none()
        return self.filter(measure_id=claim.measure_id).exclude(pk=claim.pk)

    def overlapping(self, value_min=None, value_max=None, *, normalised=False):
        """Claims whose hedge-implied interval meets [value_min, value_max]: those the figure
        could be consistent with. "up to 6,000" meets 5,200; "more than 6,000" does not meet
        6,000 (its bound is excluded), "at least 6,000" does; "about 6,500" is 6,500 give or
        take FACTDB_APPROX_TOLERANCE, as the measure page compares it (claims.agreement).
        `normalised`: the bounds are on the family's scale (claims/figures/units.py
        query_scale), against the stored columns."""
        low, high = _interval_columns(normalised)
        value = F("value_normalised" if normalised else "value")
        slack = Abs(value) * Value(Decimal(str(settings.FACTDB_APPROX_TOLERANCE)))
        approx, not_approx = Q(hedge=Hedge.APPROX), ~Q(hedge=Hedge.APPROX)
        qs = self
        if value_min is not None:
            qs = qs.filter(
                (
                    not_approx
                    & (
                        Q(**{f"{high}__isnull": True})
                        | Q(**{f"{high}__gt": value_min})
                        | (Q(**{high: value_min}) & ~Q(hedge=Hedge.LESS_THAN))
                    )
                )
                | (approx & Q(GreaterThanOrEqual(value + slack, value_min)))
            )
        if value_max is not None:
            qs = qs.filter(
                (
                    not_approx
                    & (
                        Q(**{f"{low}__isnull": True})
                        | Q(**{f"{low}__lt": value_max})
                        | (Q(**{low: value_max}) & ~Q(hedge=Hedge.MORE_THAN))
                    )
                )
                | (approx & Q(LessThanOrEqual(value - slack, value_max)))
            )
        return qs

    def stated_within(self, value_min=None, value_max=None, *, normalised=False):
        """Claims whose figure, as stated, lies in [value_min, value_max]: "up to 6,000" is 6,000
        here, and a range ("1,000 to 10,000") must lie within both bounds."""
        value = "value_normalised" if normalised else "value"
        low, high = _interval_columns(normalised)
        qs = self
        if value_min is not None:
            qs = qs.filter(
                Q(**{f"{value}__gte": value_min}),
                Q(**{f"{low}__isnull": True}) | Q(**{f"{low}__gte": value_min}),
            )
        if value_max is not None:
            qs = qs.filter(
                Q(**{f"{value}__lte": value_max}),
                Q(**{f"{high}__isnull": True}) | Q(**{f"{high}__lte": value_max}),
            )
        return qs

    def listed(self, *, statuses_asked: bool):
        """What a list or an export shows: rejected proposals only when the reader asks for
        statuses (the API's ?status=, the admin's status filter)."""
        return self if statuses_asked else self.exclude(status=Status.REJECTED)

    def proposals(self):
        """Claims proposed by extraction that no editor has decided on yet."""
        return self.filter(**PROPOSAL)


def _interval_columns(normalised: bool) -> tuple[str, str]:
    return (
        ("value_low_normalised", "value_high_normalised")
        if normalised
        else ("value_low", "value_high")
    )


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    def get_by_natural_key(self, publisher_name, title, published_on, quote, value, unit):
        return self.get(
            source=Source.objects.get_by_natural_key(publisher_name, title, published_on),
            quote=quote,
            value=value,
            unit=unit,
        )


class Claim(models.Model):
    # where
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="claims", verbose_name=_("source")
    )
    quote = models.TextField(
        help_text=_("The exact words of the source, with the figure."), verbose_name=_("quote")
    )
    quote_start = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("quote start"))
    quote_end = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("quote end"))
    summary = models.CharField(
        max_length=300, blank=True, help_text=_("One line."), verbose_name=_("summary")
    )
    # who
    claimant = models.ForeignKey(
        Claimant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("claimant"),
    )
    attribution = models.CharField(
        max_length=10,
        choices=Attribution.choices,
        default=Attribution.ASSERTED,
        verbose_name=_("attribution"),
    )
    # the figure
    value = models.DecimalField(
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        help_text=_("As stated."),
        verbose_name=_("value"),
    )
    hedge = models.CharField(
        max_length=10, choices=Hedge.choices, default=Hedge.EXACT, verbose_name=_("hedge")
    )
    value_low = models.DecimalField(
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        null=True,
        blank=True,
        verbose_name=_("value low"),
    )
    value_high = models.DecimalField(
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        null=True,
        blank=True,
        verbose_name=_("value high"),
    )
    unit = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("What is counted: troops, migrants, USD… (blank: a bare number)"),
        verbose_name=_("unit"),
    )
    currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[currency_validator],
        help_text=_("ISO 4217, for money."),
        verbose_name=_("currency"),
    )
    rate_period = models.CharField(
        max_length=10,
        choices=RatePeriod.choices,
        blank=True,
        default=RatePeriod.NONE,
        verbose_name=_("rate period"),
    )
    # The figure on its family's scale (claims/figures/units.py stored_figure), written with
    # every save so that unit=, the value filters and ordering read indexed columns. Derived,
    # so neither edited nor kept in the history; `unit` stays as stated, for display.
    unit_family = models.CharField(
        max_length=120, blank=True, editable=False, verbose_name=_("unit family")
    )
    value_normalised = models.DecimalField(
        max_digits=NORMALISED_DIGITS,
        decimal_places=NORMALISED_PLACES,
        editable=False,
        verbose_name=_("value normalised"),
    )
    value_low_normalised = models.DecimalField(
        max_digits=NORMALISED_DIGITS,
        decimal_places=NORMALISED_PLACES,
        null=True,
        editable=False,
        verbose_name=_("value low normalised"),
    )
    value_high_normalised = models.DecimalField(
        max_digits=NORMALISED_DIGITS,
        decimal_places=NORMALISED_PLACES,
        null=True,
        editable=False,
        verbose_name=_("value high normalised"),
    )
    # when and where
    claim_date = models.DateField(
        blank=True, help_text=_("Defaults to the source's date."), verbose_name=_("claim date")
    )
    period_start = models.DateField(null=True, blank=True, verbose_name=_("period start"))
    period_end = models.DateField(null=True, blank=True, verbose_name=_("period end"))
    place = models.CharField(max_length=200, blank=True, verbose_name=_("place"))
    # verification
    status = models.CharField(
        max_length=15, choices=Status.choices, default=Status.UNVERIFIED, verbose_name=_("status")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("measure"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims", verbose_name=_("tags"))
    origin = models.CharField(
        max_length=10, choices=Origin.choices, default=Origin.MANUAL, verbose_name=_("origin")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_claims",
        verbose_name=_("assignee"),
    )
    # bookkeeping
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_created",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    version = models.PositiveIntegerField(
        default=1, validators=[MinValueValidator(1)], verbose_name=_("version")
    )

    history = HistoricalRecords(m2m_fields=[tags], excluded_fields=NORMALISED_FIELDS)
    objects = ClaimManager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-claim_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(quote=""), name="claim_quote_not_empty"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="claim_status_valid"
            ),
            models.CheckConstraint(condition=Q(hedge__in=Hedge.values), name="claim_hedge_valid"),
            models.CheckConstraint(
                condition=Q(rate_period__in=RatePeriod.values),
                name="claim_rate_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(attribution__in=Attribution.values),
                name="claim_attribution_valid",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=Origin.values), name="claim_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(value__gt=-VALUE_LIMIT, value__lt=VALUE_LIMIT),
                name="claim_value_finite",
            ),
            models.CheckConstraint(
                condition=Q(value_low__isnull=True)
                | Q(value_high__isnull=True)
                | Q(value_low__lte=F("value_high")),
                name="claim_interval_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(hedge=Hedge.RANGE)
                | Q(value_low__isnull=False, value_high__isnull=False),
                name="claim_range_has_bounds",
            ),
            models.CheckConstraint(
                condition=Q(quote_start__isnull=True, quote_end__isnull=True)
                | Q(
                    quote_start__isnull=False,
                    quote_end__isnull=False,
                    quote_end__gt=F("quote_start"),
                ),
                name="claim_offsets_consistent",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="claim_period_ordered",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            models.CheckConstraint(
                condition=Q(value_low_normalised__isnull=True)
                | Q(value_high_normalised__isnull=True)
                | Q(value_low_normalised__lte=F("value_high_normalised")),
                name="claim_normalised_interval_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["unit", "value"]),
            models.Index(fields=["value_low"]),
            models.Index(fields=["value_high"]),
            models.Index(fields=["claim_date", "id"]),
            models.Index(fields=["value", "id"]),
            # unit= reads a family in the list's default order, or by its normalised value.
            models.Index(fields=["unit_family", "claim_date", "id"], name="claim_family_date_idx"),
            models.Index(
                fields=["unit_family", "value_normalised", "id"], name="claim_family_value_idx"
            ),
            models.Index(fields=["value_normalised", "id"], name="claim_normalised_value_idx"),
        ]

    def __str__(self):
        return f"{self.figure} — {self.source.title[:60]}"

    def natural_key(self):
        return (*self.source.natural_key(), self.quote, str(self.value), self.unit)

    natural_key.dependencies = ["sources.source"]

    @property
    def figure(self) -> str:
        """The figure as a person reads it, in the active language: 'up to 6,000 National Guard
        troops', 'hasta 6,000 elementos'. The unit stays as the source stated it."""
        return self.figure_in()

    def figure_in(self, language: str | None = None) -> str:
        from claims.figures.formatting import format_figure

        return format_figure(
            self.value,
            self.hedge,
            self.unit,
            low=self.value_low,
            high=self.value_high,
            currency=self.currency or None,
            per=self.rate_period or None,
            language=figure_language(language),
        )

    @property
    def claim_date_display(self) -> str:
        """The claim's date as precisely as it is known: a claim dated by its source's "June 2019"
        reads "June 2019", not "1 June 2019"."""
        if self.claim_date and self.source_id and self.claim_date == self.source.published_on:
            return self.source.published_display
        return format_date_with_precision(self.claim_date, "day", get_language())

    @property
    def is_proposal(self) -> bool:
        """Proposed by extraction and not yet decided on (ClaimQuerySet.proposals for one claim)."""
        return all(getattr(self, field) == value for field, value in PROPOSAL.items())

    @property
    def etag(self) -> str:
        return etag(self.pk, self.version)

    def clean(self):
        super().clean()
        errors = {}
        if self.hedge == Hedge.RANGE and (self.value_low is None or self.value_high is None):
            errors["value_low"] = gettext("A range needs both its low and high ends.")
        if not all(is_finite(v) for v in (self.value, self.value_low, self.value_high)):
            # clean_fields() has already named the field; comparing NaN would only raise here.
            raise ValidationError(errors or {"value": gettext("Figures must be finite numbers.")})
        figures = {"value": self.value, "value_low": self.value_low, "value_high": self.value_high}
        errors = sqlite_precision_errors(**figures) | errors
        if self.hedge not in (Hedge.RANGE, Hedge.VAGUE):
            self.value_low, self.value_high = implied_interval(self.value, self.hedge)
        if (
            self.value_low is not None
            and self.value_high is not None
            and self.value_low > self.value_high
        ):
            errors["value_high"] = gettext(
                "The high end (%(high)s) is below the low end (%(low)s)."
            ) % {"high": self.value_high, "low": self.value_low}
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = gettext("The period ends before it starts.")
        if self.is_count() and any(
            v is not None and v < 0 for v in (self.value, self.value_low, self.value_high)
        ):
            errors["value"] = gettext(
                "“%(unit)s” is a count, and a count cannot be negative: state a fall as a "
                "positive figure and say it is a decrease in the summary."
            ) % {"unit": self.unit}
        if not self.quote or not self.quote.strip():
            errors["quote"] = gettext("A claim needs the exact words of its source.")
        elif len(self.quote) > QUOTE_MAX_CHARS:
            errors["quote"] = gettext(
                "A quote is the sentence with the figure: at most %(limit)s characters, not "
                "%(length)s."
            ) % {"limit": f"{QUOTE_MAX_CHARS:,}", "length": f"{len(self.quote):,}"}
        errors.update(self._offset_errors())
        if not errors:
            try:
                self.normalise_figure()
            except (ValueError, ArithmeticError) as error:
                errors["value"] = gettext(
                    "This figure cannot be put on its unit's scale: %(error)s."
                ) % {"error": error}
        if errors:
            raise ValidationError(errors)

    def normalise_figure(self):
        """Fill the normalised columns from the figure as stated (and its implied interval)."""
        stored = units.stored_figure(
            self.value,
            self.value_low,
            self.value_high,
            self.unit or "",
            self.currency or "",
            self.rate_period or "",
        )
        self.unit_family = stored.family
        self.value_normalised = stored.value
        self.value_low_normalised, self.value_high_normalised = stored.low, stored.high

    def is_count(self) -> bool:
        """Whether the unit counts people or events (troops, migrants, deaths, arrests, jobs)."""
        from claims.figures.units import FAMILIES, normalise

        return normalise(None, self.unit or "", self.currency).dimension in FAMILIES

    def _offset_errors(self) -> dict:
        start, end = self.quote_start, self.quote_end
        if start is None and end is None:
            return {}
        if start is None or end is None:
            return {"quote_end": gettext("Give both offsets of the quote, or neither.")}
        if end <= start:
            return {"quote_end": gettext("The quote's end offset must come after its start.")}
        if not self.source_id:
            return {}
        text = self.source.text
        if not text:
            return {"quote_start": gettext("Offsets need a source with its text snapshot.")}
        if text[start:end] != self.quote:
            found = text[start:end][:80]
            return {
                "quote_start": gettext(
                    "The source's text at %(start)s:%(end)s is %(found)r, not the quote."
                )
                % {"start": start, "end": end, "found": found}
            }
        return {}

    def locate_quote(self):
        """Anchor the quote in the source's text when it appears there and no offsets are set."""
        if self.quote_start is None and self.source_id and self.source.text and self.quote:
            start = self.source.text.find(self.quote)
            if start >= 0:
                self.quote_start, self.quote_end = start, start + len(self.quote)

    def save(self, *args, **kwargs):
        if self.hedge not in (Hedge.RANGE, Hedge.VAGUE):
            self.value_low, self.value_high = implied_interval(self.value, self.hedge)
        if not self.claim_date and self.source_id:
            self.claim_date = self.source.published_on
        if self._state.adding:
            self.version = 1
            return super().save(*args, **kwargs)
        # Compare-and-swap on the version inside the same transaction as the write, so two
        # editors who loaded version N cannot both save: the second UPDATE matches no row.
        with transaction.atomic(using=kwargs.get("using")):
            bumped = Claim.objects.filter(pk=self.pk, version=self.version).update(
                version=F("version") + 1
            )
            if not bumped:
                current = Claim.objects.filter(pk=self.pk).values_list("version", flat=True)
                raise ConcurrentEditError(current.first())
            self.version += 1
            return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DeletionRefused(
            gettext("Claims are retracted, not deleted: set the status to 'retracted'.")
        )


@receiver(pre_save, sender=Claim)
def normalise_before_saving(sender, instance, raw=False, **kwargs):
    # pre_save rather than save(): loaddata (the seed fixtures, restores) saves raw, without
    # calling Claim.save(), and the normalised columns must be right on every path.
    if instance.value is not None:
        instance.normalise_figure()


class VerificationNote(models.Model):
    """An editor's evidence about a claim; append-only: a correction is a new note."""

    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, related_name="notes", verbose_name=_("claim")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="verification_notes",
        verbose_name=_("author"),
    )
    body = models.TextField(verbose_name=_("body"))
    status_from = models.CharField(
        max_length=15, choices=Status.choices, blank=True, verbose_name=_("status from")
    )
    status_to = models.CharField(
        max_length=15, choices=Status.choices, blank=True, verbose_name=_("status to")
    )
    evidence_sources = models.ManyToManyField(
        Source, blank=True, related_name="evidence_for", verbose_name=_("evidence sources")
    )
    evidence_url = models.URLField(max_length=2000, blank=True, verbose_name=_("evidence url"))
    evidence_quote = models.TextField(blank=True, verbose_name=_("evidence quote"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    # The evidence sources are kept with each record too, so a restored note gets them back.
    history = HistoricalRecords(m2m_fields=[evidence_sources])

    class Meta:
        verbose_name = _("verification note")
        verbose_name_plural = _("verification notes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="note_body_not_empty"),
            models.CheckConstraint(
                condition=Q(status_from__in=["", *Status.values])
                & Q(status_to__in=["", *Status.values]),
                name="note_status_valid",
            ),
        ]

    def __str__(self):
        labels = (self.get_status_from_display().lower(), self.get_status_to_display().lower())
        change = " ({} → {})".format(*labels) if self.status_to else ""
        return (
            gettext("Note by %(author)s on %(date)s")
            % {
                "author": self.author,
                "date": f"{self.created_at:%Y-%m-%d}",
            }
            + change
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(
                gettext("Verification notes are append-only: add a new note instead.")
            )
        super().save(*args, **kwargs)


class FactSheetManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class FactSheet(models.Model):
    title = models.CharField(max_length=300, verbose_name=_("title"))
    slug = models.SlugField(max_length=120, unique=True, verbose_name=_("slug"))
    intro = models.TextField(blank=True, verbose_name=_("intro"))
    claims = models.ManyToManyField(
        Claim, through="FactSheetItem", related_name="fact_sheets", verbose_name=_("claims")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fact_sheets",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    history = HistoricalRecords()
    objects = FactSheetManager()

    class Meta:
        verbose_name = _("fact sheet")
        verbose_name_plural = _("fact sheets")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)


class FactSheetItem(models.Model):
    sheet = models.ForeignKey(
        FactSheet, on_delete=models.CASCADE, related_name="items", verbose_name=_("sheet")
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, related_name="sheet_items", verbose_name=_("claim")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    note = models.TextField(
        blank=True,
        help_text=_("Why this figure is on the sheet (optional)."),
        verbose_name=_("note"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fact-sheet item")
        verbose_name_plural = _("fact-sheet items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "claim"], name="factsheet_claim_once"),
        ]

    def __str__(self):
        return f"{self.sheet} #{self.position}"


class FactSheetVersion(models.Model):
    """A published, frozen rendering context: it re-renders byte-for-byte the same, forever."""

    sheet = models.ForeignKey(
        FactSheet, on_delete=models.PROTECT, related_name="versions", verbose_name=_("sheet")
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    context = models.JSONField(verbose_name=_("context"))
    published_at = models.DateTimeField(auto_now_add=True, verbose_name=_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fact-sheet version")
        verbose_name_plural = _("fact-sheet versions")
        ordering = ["sheet", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "number"], name="factsheet_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="factsheet_version_positive"),
        ]

    def __str__(self):
        return f"{self.sheet} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(gettext("A published fact-sheet version is immutable."))
        super().save(*args, **kwargs)


class SavedSearch(models.Model):
    """A search a reader named and kept for themselves: the search page's query string, in the
    API's parameter names (claims/admin/search.py). Written by claims/saved_searches.py."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_search_name_unique")
        ]

    def __str__(self):
        return self.name


class Lineage(models.Model):
    """One figure's appearances across sources and languages (claims.agreement.lineage compares
    them). Proposed by extraction or a translation link; an editor confirms, splits or merges."""

    label = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.label or _("Figure lineage %(pk)s") % {"pk": self.pk}


class LineageAppearance(models.Model):
    """A claim as one appearance of a lineage's figure; a claim is in one lineage at most."""

    lineage = models.ForeignKey(Lineage, on_delete=models.CASCADE, related_name="appearances")
    claim = models.OneToOneField(Claim, on_delete=models.PROTECT, related_name="appearance")
    confirmed = models.BooleanField(
        default=False, help_text=_("An editor confirmed it (else it is proposed).")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.claim_id} in {self.lineage}"


class CorrectionKind(models.TextChoices):
    RETRACTED = "retracted", _("Retracted")
    CORRECTED = "corrected", _("Corrected")
    SOURCE_WITHDRAWN = "source_withdrawn", _("Source withdrawn")


class Correction(models.Model):
    """A change to a claim after the fact — retraction, a new status or figure, its source
    withdrawn — that travels to every fact sheet citing it and every appearance of its figure."""

    Kind = CorrectionKind

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(max_length=20, choices=CorrectionKind.choices)
    change = models.CharField(max_length=500)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(change=""), name="correction_change_not_empty"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.change}"
