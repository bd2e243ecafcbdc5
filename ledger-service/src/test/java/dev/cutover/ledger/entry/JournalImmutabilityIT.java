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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
        String account = anAccountOfTheEntry();
        assertThat(commitFailure(new Line(account, "debit", 10), new Line(account, "debit", 10))).contains("unbalanced by 20");
    }

    @Test
    void theDatabaseRefusesAnEntryWithoutTwoLines() throws SQLException {
        assertThat(commitFailure()).contains("fewer than two lines");
        assertThat(commitFailure(new Line(anAccountOfTheEntry(), "debit", 10))).contains("fewer than two lines");
    }

    @Test
    void theDatabaseRefusesAnEntryAcrossCurrencies() throws SQLException {
        String euros = new LedgerClient(port).openAccount(LedgerClient.account().currency("EUR").allowNegative());
        assertThat(commitFailure(new Line(anAccountOfTheEntry(), "debit", 10), new Line(euros, "credit", 10)))
                .contains("mixes currencies");
    }

    private record Line(String accountId, String direction, long amount) {
    }

    /** Inserts a USD entry with these lines behind the service's back; the message its commit fails with. */
    private String commitFailure(Line... lines) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement entry = connection.prepareStatement("""
                    INSERT INTO journal_entries (id, reference, currency, fingerprint, posted_at)
                    VALUES ('je_sneaky', 'sneaky-' || gen_random_uuid(), 'USD', 'x', now())""");
                 PreparedStatement line = connection.prepareStatement("""
                    INSERT INTO entry_lines (entry_id, line_no, account_id, direction, amount, posted_at)
                    VALUES ('je_sneaky', ?, ?, ?, ?, now())""")) {
                entry.executeUpdate();
                for (int i = 0; i < lines.length; i++) {
                    line.setInt(1, i);
                    line.setString(2, lines[i].accountId());
                    line.setString(3, lines[i].direction());
                    line.setLong(4, lines[i].amount());
                    line.executeUpdate();
                }
            }
            SQLException failure = catchThrowableOfType(SQLException.class, connection::commit);
            assertThat((Object) failure).as("the commit is refused").isNotNull();
            return failure.getMessage();
        }
    }

    private String anAccountOfTheEntry() throws SQLException {
        return valueOf("SELECT account_id FROM entry_lines WHERE entry_id = ? LIMIT 1", rows -> rows.getString(1));
    }

    private long lineTotal() throws SQLException {
        return valueOf("SELECT sum(amount) FROM entry_lines WHERE entry_id = ?", rows -> rows.getLong(1));
    }

    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The one value {@code sql} finds for the posted entry. */
    private <T> T valueOf(String sql, Column<T> column) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, entryId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return column.read(rows);
            }
        }
    }
}
