"""Load N synthetic claims, with the publishers, sources, claimants, measures, tags and notes they
cite, for load tests and benchmarks: `manage.py generate_claims 1000000 --seed 1`.

The rows come from bench.synthetic (deterministic per seed; see there for what they look like).
How they get in:

- PostgreSQL: `COPY … FROM STDIN` through psycopg 3's `cursor.copy()`, one COPY per table per
  batch. COPY skips per-statement parsing, planning and round trips, so the server's cost is
  little more than writing the rows and their index entries: 50,000 claims with everything
  around them load in 7.5 s, against 18 s with psycopg's (pipelined) executemany of INSERTs;
  a million took 8.7 minutes on two cores other test suites were also using (bench/RESULTS.md).
  A load that at least doubles the claims table drops the plain indexes of the growing tables
  first and rebuilds them at the end, which is cheaper than maintaining them row by row (the
  GIN indexes most of all); other sessions wait on those tables meanwhile, so such a load is
  for a database nobody is using (`--keep-indexes` to avoid it). The GENERATED `search_vector`
  column is left to the database. Afterwards the sequences are moved past the new ids and the
  tables are VACUUM ANALYZEd, so the planner (and the admin's estimated count, which reads
  pg_class.reltuples) sees the real size at once.
- SQLite: batched `executemany` INSERTs in the same transaction. Not `bulk_create`: its
  `auto_now_add` would stamp every row with the time of the load instead of spreading
  `created_at` over ten years, and the rows already are column values, so model instances
  would only be built to be taken apart again.

History is written in bulk too: every generated row gets the one "+" record that a save()
would have made, dated at its `created_at`, with no user and the change reason
"generate_claims", so the history pages and restores work on generated data as on real data.

Everything happens in one transaction: an interrupted load leaves nothing behind.
Verification notes are written by eight "generator-editor-N" accounts (no password, in the
Editors group), created on first use.
"""

import time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from bench.synthetic import CHANGE_REASON, START, Newsroom
from bench.synthetic_words import TAGS
from claims.models import Claim, Measure, Tag, VerificationNote
from sources.models import Claimant, Publisher, Source

EDITORS = [f"generator-editor-{n}" for n in range(1, 9)]
CLAIM_TAGS = Claim.tags.through
HISTORICAL_CLAIM_TAGS = apps.get_model("claims", "HistoricalClaim_tags")
# A load of at least this many claims that at least doubles the table rebuilds its indexes.
DEFER_INDEXES_FROM = 10_000
# The tables that grow with the number of claims.
BULK_MODELS = [Source, Claim, CLAIM_TAGS, VerificationNote]
BULK_MODELS += [m.history.model for m in (Source, Claim, VerificationNote)]
BULK_MODELS += [HISTORICAL_CLAIM_TAGS]
FIRST_ID_MODELS = {
    "publisher": Publisher,
    "claimant": Claimant,
    "measure": Measure,
    "source": Source,
    "claim": Claim,
    "claim_tag": CLAIM_TAGS,
    "note": VerificationNote,
}


class Loader:
    """Writes rows (dicts keyed by attname) and their "+" history records, in bulk."""

    def __init__(self, using_copy: bool):
        self.using_copy = using_copy
        self.touched = []
        self.next_history_id = {}
        self.deferred_indexes = []

    def defer_indexes(self, models):
        """Drop the plain (non-unique) indexes of `models` until rebuild_indexes().

        Building an index once over sorted rows is several times cheaper than maintaining it
        row by row, the GIN indexes (full text, trigrams) most of all. Unique indexes stay, so
        every constraint is still checked as rows arrive.
        """
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for model in models:
                cursor.execute(
                    "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                    "JOIN pg_class i ON i.oid = x.indexrelid "
                    "WHERE x.indrelid = %s::regclass AND NOT x.indisunique",
                    [model._meta.db_table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                    self.deferred_indexes.append(definition)

    def rebuild_indexes(self):
        if not self.deferred_indexes:
            return
        with connection.cursor() as cursor:
            # The deferred foreign-key checks must run first: PostgreSQL will not build an
            # index on a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for definition in self.deferred_indexes:
                cursor.execute(definition)
        self.deferred_indexes = []

    def write(self, model, rows, *, history=True):
        """Write `rows`; return {row id: history_id} of their history records."""
        if not rows:
            return {}
        self._insert(model, rows)
        if not history:
            return {}
        historical = model.history.model
        ids = self._next_ids(historical, "history_id", len(rows))
        records = []
        for row, history_id in zip(rows, ids, strict=True):
            records.append(
                {
                    **row,
                    "history_id": history_id,
                    "history_date": row.get("created_at") or START,
                    "history_type": "+",
                    "history_user_id": None,
                    "history_change_reason": CHANGE_REASON,
                }
            )
        self._insert(historical, records)
        return {row["id"]: record["history_id"] for row, record in zip(rows, records, strict=True)}

    def write_claim_tags(self, rows, claim_history_ids):
        if not rows:
            return
        self._insert(CLAIM_TAGS, rows)
        ids = self._next_ids(HISTORICAL_CLAIM_TAGS, "m2m_history_id", len(rows))
        records = [
            {
                **row,
                "m2m_history_id": m2m_history_id,
                "history_id": claim_history_ids[row["claim_id"]],
            }
            for row, m2m_history_id in zip(rows, ids, strict=True)
        ]
        self._insert(HISTORICAL_CLAIM_TAGS, records)

    def _next_ids(self, model, name, count):
        if model not in self.next_history_id:
            self.next_history_id[model] = (model.objects.aggregate(m=Max(name))["m"] or 0) + 1
        first = self.next_history_id[model]
        self.next_history_id[model] = first + count
        return range(first, first + count)

    def _insert(self, model, rows):
        if model not in self.touched:
            self.touched.append(model)
        fields = model._meta.concrete_fields
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        names = [f.attname for f in fields]
        with connection.cursor() as cursor:
            if self.using_copy:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([row[name] for name in names])
            else:
                adapt = [_sqlite_adapter(f) for f in fields]
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                    [[a(row[n]) for a, n in zip(adapt, names, strict=True)] for row in rows],
                )

    def finish(self):
        """Move sequences past the explicit ids; refresh the planner's statistics."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), self.touched):
                cursor.execute(sql)

    def analyze(self):
        tables = [connection.ops.quote_name(m._meta.db_table) for m in self.touched]
        with connection.cursor() as cursor:
            if self.using_copy and not connection.in_atomic_block:
                # VACUUM also sets the visibility map that index-only scans need, as autovacuum
                # would after a while on a real table; it cannot run inside a transaction.
                cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
            elif self.using_copy:
                cursor.execute(f"ANALYZE {', '.join(tables)}")
            else:
                cursor.execute("ANALYZE")


def _sqlite_adapter(field):
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if internal == "DateField":
        return connection.ops.adapt_datefield_value
    return lambda value: value


class Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line per tenth
    otherwise (logs, CI)."""

    def __init__(self, total, stream):
        self.total, self.stream, self.started = total, stream, time.monotonic()
        self.tty = stream.isatty()
        self.last_tenth = 0

    def update(self, done):
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed else 0
        filled = int(30 * done / self.total)
        line = (
            f"claims [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{self.total:,} "
            f"{100 * done / self.total:5.1f}%  {elapsed:6.1f}s  {rate:,.0f}/s"
        )
        if self.tty:
            self.stream.write("\r" + line, ending="")
        elif done * 10 // self.total > self.last_tenth or done == self.total:
            self.last_tenth = done * 10 // self.total
            self.stream.write(line)
        self.stream.flush()

    def close(self):
        if self.tty:
            self.stream.write("")


class Command(BaseCommand):
    help = "Load N synthetic claims (with sources, notes and history) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many claims to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--batch", type=int, default=5000, help="Claims per COPY / INSERT batch."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")
        parser.add_argument(
            "--keep-indexes",
            action="store_true",
            help="On PostgreSQL, maintain indexes row by row even for a load that at least "
            "doubles the claims table (by default they are dropped and rebuilt after it).",
        )

    def handle(self, *args, count, seed, batch, no_progress=False, keep_indexes=False, **options):
        if count < 1 or batch < 1:
            raise CommandError("count and --batch must be positive.")
        using_copy = connection.vendor == "postgresql"
        started = time.monotonic()
        with transaction.atomic():
            loader = Loader(using_copy)
            big = count >= max(Claim.objects.count(), DEFER_INDEXES_FROM)
            if using_copy and big and not keep_indexes:
                loader.defer_indexes(BULK_MODELS)
            newsroom = Newsroom(
                count,
                seed=seed,
                first_ids={name: _next_id(model) for name, model in FIRST_ID_MODELS.items()},
                editor_ids=_editor_ids(),
                tag_ids=[Tag.objects.get_or_create(name=name)[0].pk for name in TAGS],
                taken_names={
                    "publisher": Publisher.objects.values_list("name", flat=True),
                    "claimant": Claimant.objects.values_list("name", flat=True),
                    "measure": Measure.objects.values_list("label", flat=True),
                },
            )
            loader.write(Publisher, newsroom.publishers)
            loader.write(Claimant, newsroom.claimants)
            loader.write(Measure, newsroom.measures)
            progress = None if no_progress else Progress(count, self.stderr)
            done = 0
            pending = []
            for group in newsroom.groups():
                pending.append(group)
                if sum(len(g.claims) for g in pending) >= batch:
                    done += self._write(loader, pending)
                    pending = []
                    if progress:
                        progress.update(done)
            done += self._write(loader, pending)
            if progress:
                progress.update(done)
                progress.close()
            loader.rebuild_indexes()
            loader.finish()
        loaded = time.monotonic() - started
        loader.analyze()
        self.stdout.write(
            f"Generated {done:,} claims (seed {seed}) in {loaded:.1f}s "
            f"({'COPY' if using_copy else 'INSERT'}), analyzed in "
            f"{time.monotonic() - started - loaded:.1f}s."
        )

    def _write(self, loader, groups):
        if not groups:
            return 0
        claims = [c for g in groups for c in g.claims]
        loader.write(Source, [g.source for g in groups])
        claim_history_ids = loader.write(Claim, claims)
        loader.write_claim_tags([t for g in groups for t in g.claim_tags], claim_history_ids)
        loader.write(VerificationNote, [n for g in groups for n in g.notes])
        return len(claims)


def _next_id(model):
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _editor_ids():
    editors = Group.objects.get(name="Editors")
    ids = []
    for username in EDITORS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(editors)
        ids.append(user.pk)
    return ids
