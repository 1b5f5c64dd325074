"""Writes on fact sheets: add claims, reorder them, publish a frozen version.

Each runs in one transaction and validates before it stores; the admin, the API and commands call
these rather than touching FactSheetItem/FactSheetVersion rows themselves.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from claims.factsheets.context import build_context
from claims.factsheets.renderers import FORMATS, render
from claims.models import Claim, FactSheet, FactSheetItem, FactSheetVersion


@transaction.atomic
def sheet_create(*, title: str, user=None, intro: str = "", slug: str = "") -> FactSheet:
    sheet = FactSheet(title=title, intro=intro, slug=slug or unique_slug(title))
    sheet.created_by = user
    sheet.full_clean()
    sheet.save()
    return sheet


def unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "fact-sheet"
    slug, n = base, 2
    while FactSheet.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def sheet_add_claims(*, sheet: FactSheet, claims: Iterable[Claim]) -> list[FactSheetItem]:
    """Append the claims not yet on the sheet, in the order given; returns the new items."""
    sheet = FactSheet.objects.select_for_update().get(pk=sheet.pk)
    present = set(sheet.items.values_list("claim_id", flat=True))
    position = sheet.items.aggregate(last=Max("position"))["last"] or 0
    added = []
    for claim in claims:
        if claim.pk in present:
            continue
        present.add(claim.pk)
        position += 1
        item = FactSheetItem(sheet=sheet, claim=claim, position=position)
        item.full_clean(validate_constraints=False)
        item.save()
        added.append(item)
    if added:
        touch(sheet, f"added {len(added)} claim{'s' if len(added) != 1 else ''}")
    return added


@transaction.atomic
def sheet_reorder(*, sheet: FactSheet, claim_ids: Sequence[int]) -> None:
    """Put the sheet's items in the order of `claim_ids`, which must name each item exactly once."""
    sheet = FactSheet.objects.select_for_update().get(pk=sheet.pk)
    items = {item.claim_id: item for item in sheet.items.all()}
    ids = [int(claim_id) for claim_id in claim_ids]
    if len(set(ids)) != len(ids) or set(ids) != set(items):
        missing = sorted(set(items) - set(ids))
        unknown = sorted(set(ids) - set(items))
        raise ValidationError(
            "The new order must list each claim on the sheet exactly once "
            f"(missing: {missing or 'none'}; not on the sheet: {unknown or 'none'}; "
            f"repeated: {sorted({i for i in ids if ids.count(i) > 1}) or 'none'})."
        )
    for position, claim_id in enumerate(ids, start=1):
        item = items[claim_id]
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    touch(sheet, "reordered")


@transaction.atomic
def sheet_publish(
    *, sheet: FactSheet, user, base_url: str = "", number: int | None = None
) -> FactSheetVersion:
    """Freeze the sheet as it is now into the next numbered version.

    The version keeps the whole rendering context, so later edits to its claims, notes or sources
    never change what was published. Its permalink (the context's `url`: the footer, ClaimReview
    `url`s) is the version's public page on FACTDB_PUBLIC_URL, else on `base_url` (the address
    the publishing request came to, e.g. "https://factdb.example.org").

    `number` is the version the caller means to publish (the confirmation page's "Publish
    version 3"): when the sheet already has it, that version is returned and nothing is stored,
    so a double click, a resent form or four POSTs at once publish one version. The row lock on
    the sheet makes the check and the insert one step (SQLite's writers take turns anyway).
    """
    sheet = FactSheet.objects.select_for_update().get(pk=sheet.pk)
    last = sheet.versions.aggregate(last=Max("number"))["last"] or 0
    if number is not None:
        if number <= last:
            return sheet.versions.get(number=number)
        if number != last + 1:
            raise ValidationError(
                f"Version {number} cannot be next: the sheet's latest version is {last or 'none'}."
            )
    number = last + 1
    context = build_context(
        sheet,
        version=number,
        generated_at=timezone.now(),
        url=public_url(sheet.slug, number, base_url=base_url),
    )
    version = FactSheetVersion(sheet=sheet, number=number, context=context, published_by=user)
    version.full_clean()
    version.save()
    touch(sheet, f"published version {number}", user=user)
    return version


def touch(sheet: FactSheet, reason: str, user=None) -> None:
    """A history record on the sheet itself, so its history reads as a list of what happened."""
    sheet._change_reason = reason
    if user is not None:
        sheet._history_user = user
    sheet.save(update_fields=["updated_at"])


def export_path(slug: str, fmt: str = "html", version: int | None = None) -> str:
    """The sheet's export URL path; with a version number, that version's permalink."""
    from django.urls import reverse

    path = reverse("factsheet-export", kwargs={"slug": slug, "fmt": fmt})
    return f"{path}?version={version}" if version else path


def public_path(slug: str, version: int | None = None) -> str:
    """The path of a sheet's public page (its latest version), or of one version's."""
    from django.urls import reverse

    if version is None:
        return reverse("factsheet-public", kwargs={"slug": slug})
    return reverse("factsheet-public-version", kwargs={"slug": slug, "number": version})


def public_url(slug: str, version: int | None = None, *, base_url: str = "") -> str:
    """The public page's address: on FACTDB_PUBLIC_URL when the operator set it, else on
    `base_url`; "" when neither is known."""
    base = settings.FACTDB_PUBLIC_URL or base_url
    return base.rstrip("/") + public_path(slug, version) if base else ""


def version_render(version: FactSheetVersion, fmt: str) -> bytes:
    """A published version renders from its stored context only: the same bytes every time."""
    return render(version.context, fmt)


def sheet_render(sheet: FactSheet, fmt: str, *, url: str = "") -> bytes:
    """The live draft: the sheet's claims as they are now."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return render(build_context(sheet, url=url), fmt)
