"""Writes that bring a document in: a Source from what intake read, and the import requests that
background tasks work through.

    document = read_input(url="https://example.org/story")          # fetch + read, no writes
    outcome = source_import(document=document, overrides={...}, user=editor, extract=True)
    job = source_import_request(url=..., user=editor)               # queued for a db_worker
"""

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from factdb.history.attribution import acting_as
from factdb.models import preferred_language
from sources.intake import Document, IntakeError, fetch, read_document
from sources.intake.metadata import language_tag
from sources.models import (
    ImportState,
    Publisher,
    Source,
    SourceImport,
    SourceKind,
    bcp47_validator,
    parse_date_with_precision,
)

logger = logging.getLogger(__name__)

# Metadata a request may give; each overrides what the document says.
OVERRIDE_FIELDS = ("title", "publisher", "published", "language", "authors", "kind", "url")

# What an import did, stored in English as the job's record (commands print it so); the import
# page reads it back in its reader's language with outcome_display().
OUTCOMES = {
    "new": gettext_noop("New source %(pk)s."),
    "same_bytes": gettext_noop("Already imported as source %(pk)s (the same bytes)."),
    "unchanged": gettext_noop("Source %(pk)s: fetched again, text unchanged."),
    "changed": gettext_noop("Source %(pk)s: %(note)s"),
}


def outcome_display(outcome: str) -> str:
    """A stored outcome in the active language: "New source 3." -> "Fuente nueva 3."; a free
    note (what changed in the text) stays as written, and so does anything else."""
    for msgid in OUTCOMES.values():
        pattern = re.escape(msgid).replace(re.escape("%(pk)s"), r"(?P<pk>\d+)")
        pattern = pattern.replace(re.escape("%(note)s"), r"(?P<note>.*)")
        if found := re.fullmatch(pattern, outcome, re.DOTALL):
            return _(msgid) % found.groupdict()
    return outcome


@dataclass
class ImportOutcome:
    source: Source
    created: bool
    outcome: str
    claims: list = field(default_factory=list)


def read_input(
    *, url: str = "", data: bytes | None = None, filename: str = "", content_type: str = ""
) -> Document:
    """Fetch the URL, or read the given bytes, into a Document (no database writes)."""
    if url and data is None:
        fetched = fetch(url)
        return read_document(
            fetched.body,
            content_type=fetched.content_type,
            charset=fetched.charset,
            url=fetched.url,
            final_url=fetched.final_url,
            field_name="url",
        )
    from django.conf import settings

    limit = settings.FACTDB_FETCH_MAX_BYTES
    if data is not None and len(data) > limit:
        raise IntakeError(
            _("%(file)s: %(size)s bytes is over the %(limit)s-byte limit (FACTDB_FETCH_MAX_BYTES)")
            % {"file": filename or _("the file"), "size": f"{len(data):,}", "limit": f"{limit:,}"},
            field="file",
        )
    return read_document(data or b"", content_type=content_type, url=url)


def clean_overrides(values: dict) -> dict:
    """The metadata a person gave, checked; IntakeError names the first bad field."""
    cleaned = {}
    for name in OVERRIDE_FIELDS:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        value = value.strip() if isinstance(value, str) else value
        if name == "published":
            try:
                parse_date_with_precision(value)
            except ValueError as error:
                raise IntakeError(str(error), field="published") from None
        elif name == "language":
            try:
                bcp47_validator(value)
            except ValidationError as error:
                raise IntakeError(" ".join(error.messages), field="language") from None
        elif name == "kind" and value not in SourceKind.values:
            raise IntakeError(
                _("%(value)r is not one of %(kinds)s")
                % {"value": value, "kinds": ", ".join(SourceKind.values)},
                field="kind",
            )
        cleaned[name] = value
    return cleaned


def claims_hook(name: str):
    """What intake asks of the claims app, by the dotted path settings.FACTDB_INTAKE_CLAIMS gives
    for `name` ("propose", "figures", "reanchor"): sources never imports claims, which build on
    it, and the composition (settings) says who answers."""
    return import_string(settings.FACTDB_INTAKE_CLAIMS[name])


def source_import(
    *,
    document: Document,
    overrides: dict | None = None,
    fallbacks: dict | None = None,
    user=None,
    extract: bool = False,
    progress=None,
) -> ImportOutcome:
    """Store the document as a Source, or recognise it: the same bytes or the same URL (after
    redirects) are never a second source; a changed page at a known URL becomes a new snapshot
    of that source, with a note of how its figures changed. With `extract`, propose claims."""
    overrides = clean_overrides(overrides or {})
    fallbacks = fallbacks or {}
    try:
        with transaction.atomic(), acting_as(user):
            outcome = _recognised(document, overrides, fallbacks)
            if outcome is None:
                source = _new_source(document, overrides, fallbacks)
                outcome = ImportOutcome(source, True, OUTCOMES["new"] % {"pk": source.pk})
            if extract:
                propose = claims_hook("propose")
                outcome.claims, _skipped = propose(
                    source=outcome.source, created_by=user, progress=progress
                )
    except IntegrityError:
        # Two workers importing the same new URL at once: the database's unique URL lets one
        # win; the other finds the winner's source, as if it had come second.
        with transaction.atomic(), acting_as(user):
            outcome = _recognised(document, overrides, fallbacks)
        if outcome is None:
            raise
    return outcome


def _metadata(document: Document, overrides: dict, fallbacks: dict) -> dict:
    def pick(name, from_document):
        return overrides.get(name) or from_document or fallbacks.get(name) or ""

    published = overrides.get("published")
    if published:
        published = parse_date_with_precision(published)
    else:
        published = document.published or _fallback_date(fallbacks.get("published"))
    missing = [
        (name, flag)
        for name, flag, value in (
            ("title", "--title", pick("title", document.title)),
            ("publisher", "--publisher", pick("publisher", document.publisher)),
            ("published", "--published", published),
        )
        if not value
    ]
    if missing:
        name, flag = missing[0]
        raise IntakeError(
            _(
                "the document does not say its %(name)s; give it (%(flag)s on the command line, "
                "'%(name)s' in the API or the admin form)"
            )
            % {"name": name, "flag": flag},
            field=name,
        )
    authors = overrides.get("authors") or ", ".join(document.authors) or fallbacks.get("authors")
    language = overrides.get("language") or language_tag(document.language)
    return {
        "title": pick("title", document.title)[:500],
        "publisher": pick("publisher", document.publisher)[:200],
        "published_on": published[0],
        "date_precision": published[1],
        "authors": (authors or "")[:500],
        "language": language or fallbacks.get("language") or "en",
        "kind": overrides.get("kind") or document.kind or SourceKind.ARTICLE,
    }


def _fallback_date(value):
    if not value:
        return None
    if isinstance(value, list | tuple):
        return parse_date_with_precision(value[0])
    return parse_date_with_precision(value)


def _new_source(document: Document, overrides: dict, fallbacks: dict) -> Source:
    meta = _metadata(document, overrides, fallbacks)
    publisher, _created = Publisher.objects.get_or_create(name=meta.pop("publisher"))
    url = overrides.get("url") or document.url or None
    source = Source(
        publisher=publisher,
        url=url,
        final_url=document.final_url if document.final_url != url else "",
        raw_sha256=document.sha256,
        page_starts=document.page_starts,
        text=document.text,
        retrieved_at=timezone.now(),
        **meta,
    )
    try:
        source.full_clean()
    except ValidationError as error:
        raise IntakeError(_describe(error), field=_first_field(error)) from None
    source.save()
    return source


def _recognised(document: Document, overrides: dict, fallbacks: dict) -> ImportOutcome | None:
    same_bytes = Source.objects.filter(raw_sha256=document.sha256).first()
    if same_bytes:
        return ImportOutcome(same_bytes, False, OUTCOMES["same_bytes"] % {"pk": same_bytes.pk})
    urls = {u for u in (overrides.get("url"), document.url, document.final_url) if u}
    if not urls:
        return None
    known = (
        Source.objects.select_for_update()
        .filter(Q(url__in=urls) | Q(final_url__in=urls))
        .order_by("pk")
        .first()
    )
    if known is None:
        return None
    return _new_snapshot(known, document)


def _new_snapshot(source: Source, document: Document) -> ImportOutcome:
    source.raw_sha256 = document.sha256
    source.retrieved_at = timezone.now()
    if document.text == source.text:
        source._change_reason = "Fetched again: text unchanged"
        source.save()
        return ImportOutcome(source, False, OUTCOMES["unchanged"] % {"pk": source.pk})
    change = figure_changes(source.text, document.text, source.language)
    moved = _reanchor_claims(source, document.text)
    stamp = timezone.now().strftime("%Y-%m-%d %H:%M UTC")
    note = f"New snapshot {stamp}: {change}" + (f" {moved}" if moved else "")
    source.notes = f"{source.notes}\n{note}".strip()
    source.text = document.text
    source.page_starts = document.page_starts
    if document.final_url and document.final_url != source.url:
        source.final_url = document.final_url
    source._change_reason = note[:100]
    source.full_clean()
    source.save()
    return ImportOutcome(source, False, OUTCOMES["changed"] % {"pk": source.pk, "note": note})


def figure_changes(old_text: str, new_text: str, language: str) -> str:
    """'Figures added: “7,000 troops”; removed: “6,000 troops”.' (or 'figures unchanged')."""

    def figures(text):
        return Counter(claims_hook("figures")(text, language=language))

    before, after = figures(old_text), figures(new_text)
    added, removed = sorted((after - before).elements()), sorted((before - after).elements())
    parts = []
    if added:
        parts.append("added " + ", ".join(f"“{f}”" for f in added[:20]))
    if removed:
        parts.append("removed " + ", ".join(f"“{f}”" for f in removed[:20]))
    return ("Figures " + "; ".join(parts) + ".") if parts else "text changed; figures unchanged."


def _reanchor_claims(source: Source, new_text: str) -> str:
    """Claims keep offsets into the text; on a new snapshot the claims app moves each to where its
    quote now stands, or unanchors it (offsets cleared, quote kept)."""
    gone = claims_hook("reanchor")(source=source, text=new_text)
    if not gone:
        return ""
    return "No longer in the text: the quotes of claims " + ", ".join(map(str, gone)) + "."


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return " ".join(error.messages)


def _first_field(error: ValidationError) -> str:
    names = list(getattr(error, "message_dict", {}) or [])
    name = names[0] if names else "file"
    return {"published_on": "published", "__all__": "title"}.get(name, name)


# Import requests, worked by a background task (run_source_import, below).

# What a person may say about the document when asking for an import; it wins over the page's own.
METADATA_FIELDS = ("title", "publisher", "published", "language", "authors", "kind")


def source_import_submit(
    *, url: str = "", upload=None, text: str = "", extract: bool = True, overrides=None, user=None
) -> SourceImport:
    """An import as the API and the admin form take it: a URL, an uploaded file or pasted text
    (the pasted text wins over a file). Queued by `source_import_request`."""
    payload = upload.read() if upload else None
    if text:
        payload = text.encode("utf-8")
    return source_import_request(
        url=url,
        data=payload,
        filename=upload.name if upload else "",
        content_type=(upload.content_type if upload else "text/plain") if payload else "",
        extract=extract,
        overrides=overrides,
        user=user,
    )


def source_import_request(
    *,
    url: str = "",
    data: bytes | None = None,
    filename: str = "",
    content_type: str = "",
    extract: bool = True,
    overrides: dict | None = None,
    fallbacks: dict | None = None,
    user=None,
) -> SourceImport:
    """Check the request, record it and queue its task; IntakeError for what is wrong at once."""
    url = (url or "").strip()
    if bool(url) == (data is not None):
        raise IntakeError(_("give a URL or a file (or pasted text), not both or neither"))
    if url and not url.lower().startswith(("http://", "https://")):
        raise IntakeError(
            _("%(url)r: only http and https URLs can be fetched") % {"url": url}, field="url"
        )
    if data is not None and not data.strip():
        raise IntakeError(_("the file is empty"), field="file")
    if data is not None and len(data) > settings.FACTDB_FETCH_MAX_BYTES:
        raise IntakeError(
            _("%(size)s bytes is over the %(limit)s-byte limit")
            % {"size": f"{len(data):,}", "limit": f"{settings.FACTDB_FETCH_MAX_BYTES:,}"},
            field="file",
        )
    overrides = clean_overrides(overrides or {})
    with transaction.atomic(), acting_as(user):
        job = SourceImport(
            url=url,
            filename=filename[:255],
            content_type=content_type[:100],
            payload=data or b"",
            extract=extract,
            overrides=overrides,
            fallbacks=fallbacks or {},
            requested_by=user,
        )
        job.full_clean(exclude=["payload"])
        job.save()
        # The database backend stores the task in this same transaction: the request and its
        # task are saved together or not at all.
        result = run_source_import.enqueue(job.pk)
        SourceImport.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def source_import_run(*, job_id: int) -> SourceImport:
    """Work one import request: fetch or read, store, propose. Its state ends done or failed.

    Its progress lines and its error are stored as written, in the language of the person who
    asked (their saved preference, else the site's): the import page shows them to that person.
    """
    job = SourceImport.objects.get(pk=job_id)
    language = preferred_language(job.requested_by) or settings.LANGUAGE_CODE
    with translation.override(language):
        return _source_import_run(job)


def _source_import_run(job: SourceImport) -> SourceImport:
    if job.state in (ImportState.DONE, ImportState.FAILED):
        return job  # A task run twice (a worker restarted mid-way) does the work once.
    _set_state(job, state=ImportState.RUNNING, started_at=timezone.now())
    result = {"payload": b"", "finished_at": None}
    try:
        fetching = job.url and not job.payload
        _report(job, _("Fetching %(url)s") % {"url": job.url} if fetching else _("Reading it"))
        document = read_input(
            url=job.url if not job.payload else "",
            data=bytes(job.payload) if job.payload else None,
            filename=job.filename,
            content_type=job.content_type,
        )
        if job.payload and job.url:
            document.url = document.final_url = job.url
        _report(job, read_report(document, extract=job.extract))
        outcome = source_import(
            document=document,
            overrides=job.overrides,
            fallbacks=job.fallbacks,
            user=job.requested_by,
            extract=job.extract,
        )
        result.update(
            state=ImportState.DONE,
            source=outcome.source,
            outcome=outcome.outcome[:300],
            claims_proposed=len(outcome.claims),
        )
    except IntakeError as error:
        result.update(state=ImportState.FAILED, error=f"{error.field}: {error.message}")
    except Exception as error:
        logger.exception("source import %s failed", job.pk)
        result.update(
            state=ImportState.FAILED, error=f"unexpected error ({type(error).__name__}): {error}"
        )
    result["finished_at"] = timezone.now()
    _set_state(job, **result)
    return job


def read_report(document: Document, *, extract: bool) -> str:
    """What an import does once its document is read, and how big that is."""
    text = document.text or ""
    numbers = len(re.findall(r"\d+", text))
    if not extract:
        return _("Read %(chars)s characters; storing the source.") % {"chars": f"{len(text):,}"}
    return _(
        "Read %(chars)s characters; storing the source and proposing claims from about "
        "%(numbers)s numbers in it."
    ) % {"chars": f"{len(text):,}", "numbers": f"{numbers:,}"}


def _report(job: SourceImport, progress: str) -> None:
    """The import's progress, for its page: an update of its own (history records the states,
    not every step), made outside the import's transaction so other requests see it at once."""
    job.progress = progress[:200]
    SourceImport.objects.filter(pk=job.pk).update(progress=job.progress)


def _set_state(job: SourceImport, **changes) -> None:
    with acting_as(job.requested_by):
        for name, value in changes.items():
            setattr(job, name, value)
        job.save()


@dataclass
class FeedPoll:
    publisher: Publisher
    queued: list = field(default_factory=list)
    known: int = 0
    error: str = ""


def feed_poll(*, publisher: Publisher, user=None, extract: bool = True) -> FeedPoll:
    """Queue an import for each item of the publisher's feed that is not a source yet (nor
    already queued or running): polling twice adds nothing."""
    from sources.intake import read_feed

    poll = FeedPoll(publisher)
    try:
        feed = read_feed(fetch(publisher.feed_url).body)
    except IntakeError as error:
        poll.error = error.message
        return poll
    for item in feed.items:
        pending = SourceImport.objects.filter(url=item.link).exclude(state=ImportState.FAILED)
        known = Source.objects.filter(Q(url=item.link) | Q(final_url=item.link))
        if pending.exists() or known.exists():
            poll.known += 1
            continue
        fallbacks = {"title": item.title, "authors": ", ".join(item.authors)}
        if item.published:
            date, precision = item.published
            fallbacks["published"] = _as_text(date, precision)
        poll.queued.append(
            source_import_request(
                url=item.link,
                extract=extract,
                # The feed says whose it is: its items are that publisher's, whatever name
                # the page gives itself.
                overrides={"publisher": publisher.name},
                fallbacks=fallbacks,
                user=user,
            )
        )
    return poll


def _as_text(date, precision: str) -> str:
    return {"year": f"{date:%Y}", "month": f"{date:%Y-%m}"}.get(precision, date.isoformat())


@task()
def run_source_import(job_id: int) -> str:
    """The background task a db_worker runs for one SourceImport; returns its final state."""
    return source_import_run(job_id=job_id).state
