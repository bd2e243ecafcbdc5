package dev.cutover.system;

import dev.cutover.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each service's role reads its own schema and nobody else's. */
class SchemaIsolationIT {

    static TestDatabase database;

    @BeforeAll
    static void suiteIsUp() {
        database = Suite.get().database();
    }

    @ParameterizedTest(name = "{0} cannot read {1}")
    @CsvSource({
        "cutover_payments, payments-local-only, ledger.accounts",
        "cutover_payments, payments-local-only, ledger.journal_entries",
        "cutover_payments, payments-local-only, identity.users",
        "cutover_ledger, ledger-local-only, payments.transactions",
        "cutover_ledger, ledger-local-only, identity.users",
        "cutover_identity, identity-local-only, payments.transactions",
        "cutover_identity, identity-local-only, ledger.accounts"
    })
    void aServiceRoleCannotSelectFromAnotherServicesSchema(String role, String password, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), role, password);
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM " + table + " LIMIT 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({
        "cutover_payments, payments-local-only, payments.transactions",
        "cutover_ledger, ledger-local-only, ledger.accounts",
        "cutover_identity, identity-local-only, identity.users"
    })
    void aServiceRoleReadsItsOwnSchema(String role, String password, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), role, password);
             Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM " + table).next()).isTrue();
        }
    }
}
