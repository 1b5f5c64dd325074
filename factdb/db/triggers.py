"""Sets of SQL statements that database triggers keep (claims/change_stamps.py, factdb/
auth_stamp.py): made by a migration, removed by it backwards, and on SQLite made again after
migrations, since SQLite drops a table's triggers when a migration rebuilds the table."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Triggers:
    migration: tuple[str, str]  # (app label, name) of the migration that makes them
    postgresql: list[str]
    postgresql_reverse: list[str]
    sqlite: list[str]
    sqlite_reverse: list[str]

    def install(self, connection) -> None:
        """Made, or made again (each statement is idempotent)."""
        run(connection, self.postgresql if connection.vendor == "postgresql" else self.sqlite)

    def uninstall(self, connection) -> None:
        postgresql = connection.vendor == "postgresql"
        run(connection, self.postgresql_reverse if postgresql else self.sqlite_reverse)

    def ensure(self, connection) -> None:
        """After migrations: the triggers a SQLite table rebuild dropped, back (once the
        migration is applied; before it, or migrated back past it, nothing)."""
        from django.db.migrations.recorder import MigrationRecorder

        if (
            connection.vendor == "sqlite"
            and self.migration in MigrationRecorder(connection).applied_migrations()
        ):
            self.install(connection)

    # The migration's RunPython operation.
    def forwards(self, apps, schema_editor) -> None:
        self.install(schema_editor.connection)

    def backwards(self, apps, schema_editor) -> None:
        self.uninstall(schema_editor.connection)


def run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
