package dev.cutover.payments.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The two ledger accounts per currency this service posts to, opened at first use. The ledger opens them
 * under an Idempotency-Key naming the currency and role, so replicas and restarts racing to open one get
 * the same account; the id is then kept in this service's schema.
 */
@Component
class LedgerAccounts {

    enum Role {
        /** Asset: money the card networks owe us. Debited by charges, credited by refunds. */
        CLEARING("clearing", "asset", "Card clearing"),
        /** Liability: money we owe the merchant. Credited by charges, debited by refunds. */
        MERCHANT_SETTLEMENT("merchant_settlement", "liability", "Merchant settlement");

        final String column;
        final String accountType;
        final String label;

        Role(String column, String accountType, String label) {
            this.column = column;
            this.accountType = accountType;
            this.label = label;
        }
    }

    private final JdbcClient jdbc;
    private final LedgerClient ledger;
    private final Clock clock;

    LedgerAccounts(JdbcClient jdbc, LedgerClient ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    String accountFor(String currency, Role role) {
        return known(currency, role).orElseGet(() -> open(currency, role));
    }

    private Optional<String> known(String currency, Role role) {
        return jdbc.sql("SELECT account_id FROM ledger_accounts WHERE currency = :currency AND role = :role")
                .param("currency", currency).param("role", role.column)
                .query(String.class).optional();
    }

    private String open(String currency, Role role) {
        // Postings may arrive out of order (a refund's before its charge's when the ledger recovers), so
        // these accounts may dip below zero for a moment; the books balance once all postings are in.
        String id = ledger.openAccount("payments:" + role.column + ":" + currency,
                new LedgerClient.AccountCreate(role.label + " " + currency, currency, role.accountType, true));
        jdbc.sql("""
                INSERT INTO ledger_accounts (currency, role, account_id, created_at) VALUES (:currency, :role, :id, :at)
                ON CONFLICT (currency, role) DO NOTHING""")
                .param("currency", currency).param("role", role.column).param("id", id)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return known(currency, role).orElseThrow();
    }
}
