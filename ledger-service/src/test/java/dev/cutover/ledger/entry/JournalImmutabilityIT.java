package dev.cutover.ledger.entry;

import dev.cutover.ledger.support.LedgerClient;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses to change or remove a posted entry, whatever code tries. */
@LedgerIntegrationTest
class JournalImmutabilityIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    String entryId;

    @BeforeEach
    void postAnEntry() {
        LedgerClient ledger = new LedgerClient(port);
        String cash = ledger.openAccount(LedgerClient.account().allowNegative());
        String equity = ledger.openAccount(LedgerClient.account().type("equity").allowNegative());
        entryId = ledger.post(LedgerClient.entry().debit(cash, 100).credit(equity, 100))
                .then().statusCode(201).extract().path("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE journal_entries SET description = 'rewritten' WHERE id = ?",
        "UPDATE journal_entries SET reference = reference || '-x' WHERE id = ?",
        "DELETE FROM journal_entries WHERE id = ?",
        "UPDATE entry_lines SET amount = amount + 1 WHERE entry_id = ?",
        "UPDATE entry_lines SET direction = 'credit' WHERE entry_id = ?",
        "DELETE FROM entry_lines WHERE entry_id = ?"
    })
    void postedEntriesCannotBeUpdatedOrDeleted(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, entryId);
            assertThatThrownBy(statement::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("journal entries are immutable");
        }
        assertThat(lineTotal()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUNCATE entry_lines", "TRUNCATE journal_entries CASCADE"})
    void theJournalCannotBeTruncated(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("journal entries are immutable");
        }
        assertThat(lineTotal()).isEqualTo(200);
    }

    @Test
    void linesCannotBeAddedToAnEntryPostedEarlier() throws SQLException {
        String sql = """
                INSERT INTO entry_lines (entry_id, line_no, account_id, direction, amount, posted_at)
                SELECT entry_id, line_no + 2, account_id, direction, amount, posted_at FROM entry_lines WHERE entry_id = ?""";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, entryId);
            assertThatThrownBy(statement::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("journal entries are immutable");
        }
        assertThat(lineTotal()).isEqualTo(200);
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntryEvenFromOutsideTheService() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            String account;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT account_id FROM entry_lines WHERE entry_id = '" + entryId + "' LIMIT 1")) {
                rows.next();
                account = rows.getString(1);
            }
            try (PreparedStatement entry = connection.prepareStatement("""
                    INSERT INTO journal_entries (id, reference, currency, fingerprint, posted_at)
                    VALUES ('je_sneaky', 'sneaky-' || gen_random_uuid(), 'USD', 'x', now())""");
                 PreparedStatement line = connection.prepareStatement("""
                    INSERT INTO entry_lines (entry_id, line_no, account_id, direction, amount, posted_at)
                    VALUES ('je_sneaky', ?, ?, 'debit', 10, now())""")) {
                entry.executeUpdate();
                for (int i = 0; i < 2; i++) {
                    line.setInt(1, i);
                    line.setString(2, account);
                    line.executeUpdate();
                }
            }
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class).hasMessageContaining("unbalanced");
        }
    }

    private long lineTotal() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT sum(amount) FROM entry_lines WHERE entry_id = ?")) {
            statement.setString(1, entryId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
