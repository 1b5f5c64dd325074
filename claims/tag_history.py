"""One write, one history record, even when the write sets a claim's tags.

Claim.history keeps the tags with each record (m2m_fields), and simple_history writes an extra "~"
record for every add, remove or clear on the tags. A form or an API call that saves a claim and
then sets its tags would leave two or three records for what the editor did once. Inside
`tags_in_last_record(claim)` tag changes write no record of their own; afterwards the tags are
copied into the record the claim's save() wrote.
"""

from contextlib import contextmanager

from .models import Claim


@contextmanager
def tags_in_last_record(claim: Claim):
    """Set the claim's tags inside the block; its latest history record then holds them."""
    claim.skip_history_when_saving = True
    try:
        yield
    finally:
        del claim.skip_history_when_saving
    record = claim.history.latest()
    copy_tags_into_record(claim, record)


def copy_tags_into_record(claim: Claim, record) -> None:
    """Make `record`'s tag snapshot the claim's tags as they are now."""
    snapshot = record.tags.model
    snapshot.objects.filter(history=record).delete()
    rows = Claim.tags.through.objects.filter(claim=claim)
    snapshot.objects.bulk_create(
        snapshot(history=record, id=row.id, claim_id=row.claim_id, tag_id=row.tag_id)
        for row in rows
    )
