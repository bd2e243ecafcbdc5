package dev.cutover.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A synced table for the tests, with the version-and-origin trigger the services' migrations give theirs. */
final class SyncedTables {

    private SyncedTables() {
    }

    /** {@code schema.items}: an id, an amount that must stay positive, a note, a created time and the sync columns. */
    static void create(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("""
                    CREATE TABLE %1$s.items (
                        id          text        PRIMARY KEY,
                        amount      bigint      NOT NULL CHECK (amount > 0),
                        note        text,
                        created_at  timestamptz NOT NULL DEFAULT now(),
                        row_version bigint      NOT NULL DEFAULT 1,
                        sync_origin text)""".formatted(schema));
            statement.execute("""
                    CREATE FUNCTION %1$s.stamp_sync_version() RETURNS trigger LANGUAGE plpgsql AS $$
                    DECLARE
                        origin text := nullif(current_setting('cutover.sync_origin', true), '');
                    BEGIN
                        IF origin IS NULL THEN
                            NEW.sync_origin := NULL;
                            NEW.row_version := CASE WHEN TG_OP = 'UPDATE' THEN OLD.row_version + 1 ELSE 1 END;
                        ELSE
                            NEW.sync_origin := origin;
                        END IF;
                        RETURN NEW;
                    END;
                    $$""".formatted(schema));
            statement.execute("CREATE TRIGGER items_sync_version BEFORE INSERT OR UPDATE ON %1$s.items"
                    .formatted(schema) + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".stamp_sync_version()");
        }
    }

    /** Every write of a row version into {@code schema.items}, to prove none is written twice. */
    static void logWrites(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE %1$s.writes (id text NOT NULL, row_version bigint NOT NULL)".formatted(schema));
            statement.execute("""
                    CREATE FUNCTION %1$s.log_write() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO %1$s.writes VALUES (NEW.id, NEW.row_version);
                        RETURN NEW;
                    END;
                    $$""".formatted(schema));
            statement.execute("CREATE TRIGGER items_writes AFTER INSERT OR UPDATE ON %1$s.items".formatted(schema)
                    + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".log_write()");
        }
    }

    static TableMapping mapping(String sourceSchema, String targetSchema) {
        return TableMapping.sameColumns(sourceSchema + ".items", targetSchema + ".items", "id",
                java.util.List.of("id", "amount", "note", "created_at"));
    }
}
