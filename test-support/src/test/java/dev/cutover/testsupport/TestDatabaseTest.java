package dev.cutover.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseTest {

    @Test
    void theDatabaseNameReplacesTheServersDefaultOneAndKeepsParameters() {
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h:5432/postgres", "db1")).isEqualTo("jdbc:postgresql://h:5432/db1");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h:5432/postgres?ssl=true", "db1"))
                .isEqualTo("jdbc:postgresql://h:5432/db1?ssl=true");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h:5432", "db1")).isEqualTo("jdbc:postgresql://h:5432/db1");
    }

    @Test
    void eachRunGetsItsOwnFreshDatabase() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            String name = rows.getString(1);
            if (!TestDatabase.dockerAvailable()) {
                assertThat(name).startsWith(TestDatabase.NAME_PREFIX);
            }
        }
        assertThat(TestDatabase.get()).isSameAs(db);
    }
}
