"""Where claims are made: publishers, the people and organisations who assert figures,
and the documents they appear in."""

import bisect
import datetime
import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sources.dates import MONTHS

# BCP-47 in the shape newsrooms use: "en", "es", "es-MX", "pt-BR", "zh-Hant".
bcp47_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$",
    _("Enter a BCP-47 language tag such as 'en', 'es' or 'es-MX'."),
)
wikidata_validator = RegexValidator(r"^Q[1-9][0-9]*$", _("Enter a Wikidata id such as 'Q22686'."))


class PublisherKind(models.TextChoices):
    NEWS_OUTLET = "news_outlet", _("News outlet")
    ADVOCACY = "advocacy", _("Advocacy group")
    POLITICAL = "political", _("Political organisation")
    GOVERNMENT = "government", _("Government")
    WIRE = "wire", _("Wire service")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class PublisherManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Publisher(models.Model):
    Kind = PublisherKind

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    homepage = models.URLField(blank=True, verbose_name=_("homepage"))
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.NEWS_OUTLET, verbose_name=_("kind")
    )
    feed_url = models.URLField(
        _("feed URL"),
        max_length=2000,
        blank=True,
        help_text=_("RSS or Atom; `manage.py poll_feeds` imports each new item once."),
    )

    history = HistoricalRecords()
    objects = PublisherManager()

    class Meta:
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PublisherKind.values), name="publisher_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="publisher_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class ClaimantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class ClaimantManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Claimant(models.Model):
    """Who asserts a figure: a person or an organisation."""

    Kind = ClaimantKind

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.PERSON, verbose_name=_("kind")
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("e.g. 'President of Mexico'"),
        verbose_name=_("description"),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=20, blank=True, validators=[wikidata_validator]
    )

    history = HistoricalRecords()
    objects = ClaimantManager()

    class Meta:
        verbose_name = _("claimant")
        verbose_name_plural = _("claimants")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ClaimantKind.values), name="claimant_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="claimant_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    REPORT = "report", _("Report")
    PRESS_RELEASE = "press_release", _("Press release")
    TRANSCRIPT = "transcript", _("Transcript")
    DATASET = "dataset", _("Dataset")
    POST = "post", _("Post")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class SourceManager(models.Manager):
    def get_by_natural_key(self, publisher_name, title, published_on):
        return self.get(publisher__name=publisher_name, title=title, published_on=published_on)

    def holding_url(self, url: str | None, *, other_than=None):
        """The source that already has this URL (another one than `other_than`), or None."""
        if not url:
            return None
        sources = self.filter(url=url).select_related("publisher")
        if other_than is not None:
            sources = sources.exclude(pk=other_than)
        return sources.first()


class Source(models.Model):
    """One document: an article, report, press release, transcript, dataset or post."""

    Kind = SourceKind

    DatePrecision = DatePrecision
    title = models.CharField(max_length=500, verbose_name=_("title"))
    url = models.URLField(
        _("URL"), max_length=2000, null=True, blank=True, help_text=_("Unique when present.")
    )
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, related_name="sources", verbose_name=_("publisher")
    )
    authors = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("As credited, comma-separated."),
        verbose_name=_("authors"),
    )
    published_on = models.DateField(
        help_text=_("For month or year precision, the first day of that month or year."),
        verbose_name=_("published on"),
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        verbose_name=_("date precision"),
    )
    retrieved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("retrieved at"))
    final_url = models.URLField(
        _("final URL"),
        max_length=2000,
        blank=True,
        help_text=_("Where the URL led after redirects."),
    )
    raw_sha256 = models.CharField(
        _("raw SHA-256"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "Of the bytes as fetched or uploaded: the same bytes are never a second source."
        ),
    )
    page_starts = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=_("For a PDF: where each page begins in the text (offsets), page 1 first."),
        verbose_name=_("page starts"),
    )
    language = models.CharField(
        max_length=20,
        default="en",
        validators=[bcp47_validator],
        help_text=_("BCP-47, e.g. 'en'."),
        verbose_name=_("language"),
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.ARTICLE, verbose_name=_("kind")
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("The original this document translates."),
        verbose_name=_("translation of"),
    )
    text = models.TextField(
        blank=True, help_text=_("Snapshot of the full text, when kept."), verbose_name=_("text")
    )
    text_sha256 = models.CharField(_("text SHA-256"), max_length=64, blank=True, editable=False)
    # The seed data keeps only the paragraphs that hold its quotes (a newsroom's rule for text it
    # did not write); whoever reads the snapshot must know it is not the whole document.
    text_is_excerpt = models.BooleanField(
        _("text is an excerpt"),
        default=False,
        help_text=_(
            "The snapshot keeps only some paragraphs of the document (those that hold the quoted "
            "figures), not the whole of it."
        ),
    )
    archive_url = models.URLField(_("archive URL"), max_length=2000, blank=True)
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    # A withdrawn document (the publisher took it down or disowned it): its claims' corrections
    # travel to the fact sheets that cite them. Set by claims' source_withdraw, with the reason.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(_("withdrawal reason"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    # The text snapshot is kept in history too: a restored source must come back whole.
    history = HistoricalRecords()
    objects = SourceManager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__isnull=False), name="source_url_unique"
            ),
            models.UniqueConstraint(
                fields=["publisher", "title", "published_on"], name="source_natural_key_unique"
            ),
            models.CheckConstraint(condition=~Q(url=""), name="source_url_null_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
                name="source_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=models.F("pk")), name="source_not_translation_of_self"
            ),
        ]
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self):
        return f"{self.title} ({self.publisher}, {self.published_display})"

    def natural_key(self):
        return (*self.publisher.natural_key(), self.title, self.published_on.isoformat())

    natural_key.dependencies = ["sources.publisher"]

    def page_at(self, offset: int | None) -> int | None:
        """The PDF page (1-based) that the text offset falls on; None for other documents."""
        if offset is None or not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset) or 1

    @property
    def published_display(self) -> str:
        """The date as precisely as it is known, in the active language: '14 February 2025',
        'June 2019', '2019'; '14 de febrero de 2025', 'junio de 2019'."""
        return format_date_with_precision(self.published_on, self.date_precision, get_language())

    def clean(self):
        super().clean()
        if self.url == "":
            self.url = None
        errors = {}
        if self.published_on and not precision_matches(self.published_on, self.date_precision):
            errors["published_on"] = gettext(
                "With %(precision)s precision the date must be the first day of its "
                "%(precision)s (e.g. %(example)s)."
            ) % {
                "precision": DatePrecision(self.date_precision).label.lower(),
                "example": precision_example(self.date_precision),
            }
        if self.translation_of_id and self.pk and self.translation_of_id == self.pk:
            errors["translation_of"] = gettext("A source cannot be a translation of itself.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        """As the model's, but a URL another source has reads as which source has it, not as
        "Constraint “source_url_unique” is violated"."""
        exclude = set(exclude or ())
        holder = None
        if "url" not in exclude:
            holder = Source.objects.holding_url(self.url, other_than=self.pk)
        errors = {}
        if holder is not None:
            errors["url"] = [duplicate_url_error(holder)]
            exclude.add("url")
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.url == "":
            self.url = None
        self.text_sha256 = hashlib.sha256(self.text.encode()).hexdigest() if self.text else ""
        super().save(*args, **kwargs)


def duplicate_url_error(holder: "Source") -> ValidationError:
    return ValidationError(
        _("Source %(pk)s, “%(title)s” (%(publisher)s, %(date)s), already has this URL."),
        code="duplicate_url",
        params={
            "pk": holder.pk,
            "title": holder.title,
            "publisher": holder.publisher,
            "date": holder.published_display,
        },
    )


def precision_matches(day: datetime.date, precision: str) -> bool:
    if precision == Source.DatePrecision.MONTH:
        return day.day == 1
    if precision == Source.DatePrecision.YEAR:
        return day.day == 1 and day.month == 1
    return True


def precision_example(precision: str) -> str:
    examples = {
        "month": gettext("2019-06-01 for June 2019"),
        "year": gettext("2019-01-01 for 2019"),
    }
    return examples.get(precision, "")


def format_date_with_precision(
    day: datetime.date | None, precision: str, language: str | None = "en"
) -> str:
    """'14 February 2025', 'June 2019', '2019' in English (whatever language is active: what is
    stored and exported stays as it was); in another language (a page's, get_language()) as it
    writes them: '14 de febrero de 2025', 'junio de 2019'."""
    if day is None:
        return ""
    if precision == Source.DatePrecision.YEAR:
        return str(day.year)
    if language and not language.lower().startswith("en"):
        with translation.override(language):
            style = (
                "YEAR_MONTH_FORMAT" if precision == Source.DatePrecision.MONTH else "DATE_FORMAT"
            )
            return formats.date_format(day, style)
    if precision == Source.DatePrecision.MONTH:
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# "June 2019", "7 June 2019", "June 7, 2019", "7 de junio de 2019", "junio de 2019".
_DAY_MONTH_YEAR = re.compile(r"(?:(\d{1,2})\.?\s+(?:de\s+)?)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_date_with_precision(text: str) -> tuple[datetime.date, str]:
    """'2019' -> (2019-01-01, 'year'); '2019-06' or 'June 2019' -> (2019-06-01, 'month');
    '2025-02-14', '14 February 2025' or 'February 14, 2025' -> day.

    Raises ValueError with a readable message for anything else (including 2023-02-30).
    """
    cleaned = " ".join(text.split())
    year, month, day = _date_parts(cleaned)
    precision = "day" if day else "month" if month else "year"
    try:
        value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date: {exc}") from None
    if value.year < 1:
        raise ValueError(f"{text!r}: year must be 1 or later")
    return value, precision


def _date_parts(text: str) -> tuple[str, str | int | None, str | None]:
    if match := _ISO.fullmatch(text):
        return match.groups()
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        if match := pattern.fullmatch(text):
            day, name, year = (match.group(i + 1) for i in order)
            month = MONTHS.get(name.lower())
            if month is not None:
                return year, month, day
    raise ValueError(
        f"{text!r} is not a date in the form YYYY, YYYY-MM, YYYY-MM-DD, 'June 2019' or "
        "'14 June 2019'"
    )


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SourceImport(models.Model):
    """One request to import a document (a URL, an upload, pasted text or a feed item), worked
    by a background task; its state is what the API's status URL and the admin's progress page
    show."""

    State = ImportState

    url = models.URLField(_("URL"), max_length=2000, blank=True)
    filename = models.CharField(max_length=255, blank=True, verbose_name=_("filename"))
    content_type = models.CharField(max_length=100, blank=True, verbose_name=_("content type"))
    # The uploaded or pasted bytes, until the task has read them (then emptied: the source keeps
    # the text and the bytes' SHA-256).
    payload = models.BinaryField(blank=True, editable=False, verbose_name=_("payload"))
    extract = models.BooleanField(
        default=True, help_text=_("Propose claims from the text."), verbose_name=_("extract")
    )
    overrides = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Metadata given with the request; wins over the page."),
        verbose_name=_("overrides"),
    )
    fallbacks = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Metadata used when the page has none (a feed item's)."),
        verbose_name=_("fallbacks"),
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.QUEUED, verbose_name=_("state")
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("source"),
    )
    outcome = models.CharField(max_length=300, blank=True, verbose_name=_("outcome"))
    progress = models.CharField(
        _("progress"),
        max_length=200,
        blank=True,
        help_text=_("What the worker is doing, while it works."),
    )
    claims_proposed = models.PositiveIntegerField(default=0, verbose_name=_("claims proposed"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    task_id = models.CharField(max_length=64, blank=True, verbose_name=_("task id"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_imports",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

    history = HistoricalRecords(excluded_fields=["payload", "progress"])

    class Meta:
        verbose_name = _("source import")
        verbose_name_plural = _("source imports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ImportState.values), name="source_import_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["url", "state"])]

    def __str__(self):
        return f"Import {self.pk}: {self.url or self.filename or 'pasted text'} ({self.state})"
