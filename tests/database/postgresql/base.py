"""Django's PostgreSQL backend, except how it empties the test database after each test that
commits (transactional_db, live_server)."""

from django.db.backends.postgresql import base, operations

# As migrate left them, and as every test expects them: recreating them after each such test
# (Django's flush sends post_migrate) cost a second.
KEPT = {"django_content_type", "auth_permission"}


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # DELETE on the few rows a test leaves, not TRUNCATE, which makes new files for every
        # table and index (0.8 s). Row triggers (a presented report is never deleted) are off
        # meanwhile; the foreign keys are checked once all is deleted, before they go back on.
        tables = [self.quote_name(table) for table in tables if table not in KEPT]
        return (
            [f"ALTER TABLE {table} DISABLE TRIGGER USER;" for table in tables]
            + [f"DELETE FROM {table};" for table in tables]
            + ["SET CONSTRAINTS ALL IMMEDIATE;"]
            + [f"ALTER TABLE {table} ENABLE TRIGGER USER;" for table in tables]
        )


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
