"""A claim's history as the API reports it: every saved state, who saved it, and what changed."""

from claims.models import Claim, Tag

RECORD_TYPES = {"+": "created", "~": "changed", "-": "deleted"}
# Always different from one record to the next; the record's own version says the rest.
NOT_CHANGES = ["updated_at", "version"]


def claim_history(claim: Claim) -> list[dict]:
    """Newest first. Each entry's changes compare it with the state saved just before it."""
    records = list(
        claim.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=NOT_CHANGES)
            changes = [{"field": c.field, "old": c.old, "new": c.new} for c in delta.changes]
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user.username if record.history_user else None,
                "type": RECORD_TYPES.get(record.history_type, record.history_type),
                "reason": record.history_change_reason,
                "version": record.version,
                "changes": changes,
            }
        )
        previous = record
    _name_tags(entries)
    return entries[::-1]


def _name_tags(entries: list[dict]) -> None:
    """simple_history reports m2m changes as through-rows; readers want tag names."""
    tag_changes = [c for e in entries for c in e["changes"] if c["field"] == "tags"]
    ids = {row["tag"] for c in tag_changes for side in ("old", "new") for row in c[side]}
    names = dict(Tag.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for change in tag_changes:
        for side in ("old", "new"):
            change[side] = sorted(names.get(row["tag"], str(row["tag"])) for row in change[side])
