"""Every write to claims and verification notes, each in one transaction, validated before it is
stored, attributed to the user who made it, with one history record per row.

The admin (claim form, actions, desk buttons, measure page), the API and the commands call these;
they write no claim or note themselves.

    claim_create, claim_update, claim_retract    the claim itself
    note_add                                     a verification note; a status change is one
    claims_propose                               proposals from a source's text (extraction)
    claim_decide, claims_decide                  an editor's decisions: verdicts, accepting or
                                                 rejecting a proposal (each is a note_add)

A status or figure change on a claim on the record (not a proposal being decided) is also a
correction, and new proposals join their figures' lineages: claims.lineage_services.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import extraction, lineage_services
from claims.claimants import INSTITUTIONS
from claims.models import Attribution, Claim, ConcurrentEditError, Status, Tag, VerificationNote
from factdb.history.m2m import m2m_in_last_record, tags_in_last_record
from sources.models import Claimant, Source


@transaction.atomic
def note_add(
    *,
    claim: Claim,
    author,
    body: str,
    status_to: str | None = None,
    evidence_url: str = "",
    evidence_quote: str = "",
    evidence_sources: Iterable[Source] = (),
    expected_version: int | None = None,
) -> VerificationNote:
    """Attach a verification note; with `status_to`, the note records the claim's status change.

    `expected_version` is the claim version the editor saw; a stale one raises
    ConcurrentEditError before anything is written.
    """
    claim = _locked(claim, expected_version)
    note = VerificationNote(
        claim=claim,
        author=author,
        body=body,
        status_from=claim.status if status_to else "",
        status_to=status_to or "",
        evidence_url=evidence_url,
        evidence_quote=evidence_quote,
    )
    note.full_clean()
    status_from, was_proposal = claim.status, claim.is_proposal
    if status_to and status_to != claim.status:
        claim.status = status_to
        claim.full_clean()
        claim._change_reason = f"status {note.status_from} → {status_to} (verification note)"
        claim.save()
    note.save()
    if evidence_sources:
        with m2m_in_last_record(note, "evidence_sources"):
            note.evidence_sources.set(evidence_sources)
    if note.status_to and note.status_to != status_from and not was_proposal:
        # A claim on the record changed status: the change travels (claims.lineage_services).
        lineage_services.status_corrected(
            claim=claim, status_from=status_from, note=note, by=author
        )
    return note


def claim_retract(*, claim: Claim, author, reason: str, expected_version=None) -> VerificationNote:
    """Claims are never deleted: retraction is a status change with the reason on record."""
    return note_add(
        claim=claim,
        author=author,
        body=reason,
        status_to=Status.RETRACTED,
        expected_version=expected_version,
    )


# Set through the claim's own workflow, never by a create or update call.
CLAIM_WRITE_PROTECTED = frozenset(
    {"id", "pk", "version", "created_by", "created_at", "updated_at", "status", "origin"}
)


@transaction.atomic
def claim_create(
    *, created_by, tags: Iterable[str] = (), instance: Claim | None = None, **fields
) -> Claim:
    """Record a new claim (status unverified, origin manual) with its tags by name.

    `instance` is an unsaved claim already holding its fields (the admin's form builds one);
    otherwise the claim is built from `fields`. The quote is anchored in the source's text when it
    appears there and no offsets are given. One history record is written, tags included,
    attributed to `created_by`.
    """
    _refuse_protected(fields)
    if instance is not None and (fields or not instance._state.adding):
        raise TypeError("Give a new, unsaved instance or its fields, not both.")
    claim = instance or Claim(**fields)
    claim.created_by = created_by
    claim._history_user = created_by
    claim.locate_quote()
    claim.full_clean()
    claim.save()
    tag_objects = _tags_named(tags)
    if tag_objects:
        # The creation record was written by save(), before the claim could have tags; set them
        # without a second record, into the first.
        with tags_in_last_record(claim):
            claim.tags.set(tag_objects)
    return claim


@transaction.atomic
def claim_update(
    *, claim: Claim, author, expected_version: int, tags: Iterable[str] | None = None, **fields
) -> Claim:
    """Change a claim the editor read at `expected_version` (its ETag).

    The version is checked by the UPDATE itself (Claim.save's compare-and-swap), so of two
    editors who read the same version exactly one succeeds; the other gets ConcurrentEditError
    and nothing of theirs is written, tags included. One history record per update.
    """
    _refuse_protected(fields)
    # Read from the row: the admin's form has already set the new values on `claim`.
    stored = None
    if lineage_services.touches_figure(fields):
        stored = Claim.objects.filter(pk=claim.pk).first()
    for name, value in fields.items():
        setattr(claim, name, value)
    claim._history_user = author
    claim.full_clean()
    # After validation: an impossible version (0, or beyond the column) is simply stale.
    claim.version = expected_version
    if tags is not None:
        # Set before save() so the one record save() writes already holds the new tags.
        claim.skip_history_when_saving = True
        try:
            claim.tags.set(_tags_named(tags))
        finally:
            del claim.skip_history_when_saving
    claim.save()
    if stored is not None and not stored.is_proposal:
        lineage_services.figure_corrected(claim=claim, before=stored.figure, by=author)
    return claim


def claim_version_check(*, claim: Claim, expected_version: int) -> None:
    """Raise ConcurrentEditError when the claim is no longer at the version the editor loaded.

    A form asks before it saves, to keep the editor's input on the page; the write itself is
    still guarded by Claim.save's compare-and-swap.
    """
    current = Claim.objects.filter(pk=claim.pk).values_list("version", flat=True).first()
    if current != expected_version:
        raise ConcurrentEditError(current)


def _locked(claim: Claim, expected_version: int | None) -> Claim:
    """The claim's current row, locked until the transaction ends; stale `expected_version` (the
    version the editor saw) raises ConcurrentEditError before anything is written."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and expected_version != claim.version:
        raise ConcurrentEditError(claim.version)
    return claim


def _refuse_protected(fields: dict) -> None:
    protected = CLAIM_WRITE_PROTECTED & fields.keys()
    if protected:
        raise TypeError(f"Set by the workflow, not by callers: {', '.join(sorted(protected))}")


def _tags_named(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in dict.fromkeys(names):
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag(name=name)
            tag.full_clean()
            tag.save()
        tags.append(tag)
    return tags


# The verdict buttons, in the order an editor reads them: status -> button label.
VERDICT_BUTTONS = {
    Status.VERIFIED: gettext_lazy("Verify"),
    Status.DISPUTED: gettext_lazy("Dispute"),
    Status.FALSE: gettext_lazy("Mark false"),
    Status.MISLEADING: gettext_lazy("Mark misleading"),
    Status.UNVERIFIABLE: gettext_lazy("Unverifiable"),
}
assert tuple(VERDICT_BUTTONS) == Status.VERDICTS
ACCEPT, REJECT = "accept", "reject"
DECISIONS = {
    **VERDICT_BUTTONS,
    ACCEPT: gettext_lazy("Accept proposal"),
    REJECT: gettext_lazy("Reject proposal"),
}
DONE = {ACCEPT: gettext_lazy("accepted"), REJECT: gettext_lazy("rejected")}


@transaction.atomic
def claim_decide(
    *, claim: Claim, author, decision: str, note: str, expected_version: int | None
) -> VerificationNote:
    """Apply one decision to one claim; a stale `expected_version` raises ConcurrentEditError.

    A verdict needs a note; rejecting needs a reason (the note); accepting takes an optional note
    and moves the proposal into review.
    """
    note = note.strip()
    # Lock and re-read first: "is it still a proposal?" must be answered about the current row.
    claim = _locked(claim, expected_version)
    if decision not in DECISIONS:
        raise ValidationError(
            {
                "decision": _("%(decision)r is not a decision an editor can make.")
                % {"decision": decision}
            }
        )
    if decision in (ACCEPT, REJECT) and not claim.is_proposal:
        raise ValidationError(
            _(
                "Only a proposed claim that is still unverified can be %(done)s; this one is "
                "%(origin)s and %(status)s."
            )
            % {
                "done": DONE[decision],
                "origin": claim.get_origin_display().lower(),
                "status": claim.get_status_display(),
            }
        )
    if decision == ACCEPT:
        # The note is the editor's, so in the language they work in, like the rest of it.
        accepted = _("Accepted proposal.")
        return note_add(
            claim=claim,
            author=author,
            body=f"{accepted} {note}".strip(),
            status_to=Status.IN_REVIEW,
            expected_version=expected_version,
        )
    if not note:
        raise ValidationError(
            {"note": _("Write a note: it is the record of why the status changed.")}
        )
    if decision == REJECT:
        # Parser noise, not a figure anyone withdrew: its own state, kept with its history (and
        # so never proposed again), out of the default lists and exports.
        return note_add(
            claim=claim,
            author=author,
            body=_("Rejected proposal: %(reason)s") % {"reason": note},
            status_to=Status.REJECTED,
            expected_version=expected_version,
        )
    return note_add(
        claim=claim,
        author=author,
        body=note,
        status_to=decision,
        expected_version=expected_version,
    )


@transaction.atomic
def claims_decide(
    *, versions: Mapping[int, int], author, decision: str, note: str
) -> list[VerificationNote]:
    """The same decision on several claims, each with its own copy of the note; all or nothing.

    `versions` maps each claim's pk to the version the editor confirmed; if any claim has changed
    since, ConcurrentEditError is raised and no claim is touched.
    """
    claims = Claim.objects.in_bulk(list(versions))
    missing = set(versions) - set(claims)
    if missing:
        raise ValidationError(
            _("No claim with id %(ids)s.") % {"ids": ", ".join(map(str, sorted(missing)))}
        )
    return [
        claim_decide(
            claim=claims[pk],
            author=author,
            decision=decision,
            note=note,
            expected_version=versions[pk],
        )
        for pk in sorted(versions)
    ]


@transaction.atomic
def claims_propose(*, source, created_by=None, progress=None) -> extraction.Proposed:
    """Store the figures extraction finds in the source's text as proposals for the desk, each
    with the claimant the sentence names (matched to a stored claimant or proposed) and its period.

    ``created, skipped = claims_propose(source=s)``; the result's ``unread`` and ``message`` say
    when the run stopped at ``extraction.MAX_CANDIDATES``. A figure already known for this source,
    now or in its history (an editor corrected or rejected it), is not proposed again.
    ``progress(step, done, total)`` hears how far it is ("sentences", then "figures").
    """
    if not source.text:
        return extraction.Proposed([], 0)
    proposals = extraction.propose(
        source.text,
        language=source.language,
        claim_date=source.published_on,
        title=source.title,
        limit=extraction.MAX_CANDIDATES + 1,
        progress=(lambda done, total: progress("sentences", done, total)) if progress else None,
    )
    unread = 0
    if len(proposals) > extraction.MAX_CANDIDATES:
        rest = proposals[extraction.MAX_CANDIDATES - 1].sentence.end
        unread = len(re.findall(r"\d+", source.text[rest:]))  # a count, not a second parse
        proposals = proposals[: extraction.MAX_CANDIDATES]
    claimants = ClaimantNames()
    known = _known_figures(source)
    created, skipped = [], 0
    for done, proposal in enumerate(proposals, start=1):
        if progress is not None:
            progress("figures", done, len(proposals))
        claim = extraction.claim_from_proposal(source, proposal, created_by)
        key = (claim.quote, claim.value, claim.unit)
        if key in known:
            skipped += 1
            continue
        known.add(key)
        if claim.period_start and claim.period_end and claim.period_start > claim.period_end:
            claim.period_start = claim.period_end = None
        try:
            claim.full_clean()
        except ValidationError:
            # A figure the model refuses (a negative count, more than six decimal places) is no
            # proposal an editor could accept; the rest of the text is still read.
            skipped += 1
            continue
        # Only for a claim that will be stored, so a refused figure proposes no claimant.
        claim.claimant = claimants.get(proposal.claimant)
        if claim.claimant is not None:
            claim.attribution = Attribution.REPORTED
        claim._history_user = created_by
        claim.save()
        created.append(claim)
    # Each new figure joins the lineage of the figure it repeats (or its original's, for a
    # translation), proposed for an editor to confirm.
    lineage_services.lineages_propose(claims=created, user=created_by)
    return extraction.Proposed(created, skipped, unread)


class ClaimantNames:
    """Claimant names from one run matched to stored claimants, or proposed as new ones.

    "President Donald Trump" matches a stored "Donald Trump" (titles and articles aside, one name
    ends the other); a name found nowhere is created only when it names someone ("Mr. Smith",
    "the Mexican government", "el INM"), not for "The company" or "officials"."""

    _LEADS = {
        "the",
        "el",
        "la",
        "los",
        "las",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "president",
        "presidente",
    }

    def __init__(self):
        self.known = {self.key(name): pk for pk, name in Claimant.objects.values_list("pk", "name")}
        self.cache: dict[str, Claimant | None] = {}

    def key(self, name: str) -> str:
        words = name.lower().split()
        while len(words) > 1 and words[0] in self._LEADS:
            words.pop(0)
        return " ".join(words)

    def get(self, name: str | None) -> Claimant | None:
        if not name:
            return None
        name = name[: Claimant._meta.get_field("name").max_length]
        if name not in self.cache:
            self.cache[name] = self.lookup(name)
        return self.cache[name]

    def match(self, name: str) -> Claimant | None:
        """The stored claimant the name means, or None; creates nothing."""
        pk = self._matching_pk(self.key(name))
        return None if pk is None else Claimant.objects.get(pk=pk)

    def _matching_pk(self, key: str) -> int | None:
        return self.known.get(key) or next(
            (
                pk
                for known, pk in self.known.items()
                if _ends_with(key, known) or _ends_with(known, key)
            ),
            None,
        )

    def lookup(self, name: str) -> Claimant | None:
        key = self.key(name)
        pk = self._matching_pk(key)
        if pk is not None:
            return Claimant.objects.get(pk=pk)
        words = name.split()
        named = any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and name.isupper())
        if not named and not (
            words[0].lower() in self._LEADS and words[-1].lower() in INSTITUTIONS
        ):
            return None
        kind = (
            Claimant.Kind.ORGANISATION
            if words[-1].lower() in INSTITUTIONS or name.isupper() or words[0].islower()
            else Claimant.Kind.PERSON
        )
        claimant = Claimant(name=name, kind=kind)
        claimant.full_clean()
        claimant.save()
        self.known[key] = claimant.pk
        return claimant


def _ends_with(longer: str, shorter: str) -> bool:
    """Whole words: "defense secretary mark esper" ends with "mark esper"."""
    return len(shorter.split()) > 1 and (longer == shorter or longer.endswith(" " + shorter))


def _known_figures(source) -> set[tuple[str, Decimal, str]]:
    """(quote, value, unit) of every claim the source has or ever had, read once per run."""
    fields = ("quote", "value", "unit")
    rows = Claim.objects.filter(source=source).values_list(*fields)
    past = Claim.history.filter(source_id=source.pk).values_list(*fields)
    return set(rows) | set(past)


def claims_reanchor(*, source, text: str) -> list[int]:
    """Before `source` takes `text` as its new snapshot, move each anchored claim's offsets to where
    its quote now stands; a quote the new text no longer has keeps its words and loses its
    offsets. Returns the ids of those claims. (Not full_clean: the offsets are for the new text,
    which the source saves in the same transaction.)"""
    gone = []
    for claim in Claim.objects.filter(source=source, quote_start__isnull=False):
        start = text.find(claim.quote)
        if start == claim.quote_start:
            continue
        if start < 0:
            claim.quote_start = claim.quote_end = None
            gone.append(claim.pk)
        else:
            claim.quote_start, claim.quote_end = start, start + len(claim.quote)
        claim.save()
    return gone
