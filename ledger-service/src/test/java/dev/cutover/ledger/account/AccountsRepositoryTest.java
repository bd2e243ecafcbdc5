package dev.cutover.ledger.account;

import dev.cutover.ledger.LedgerApplication;
import dev.cutover.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The account repository and the account locks against the real schema: mapping, locking, totals, keyset paging. */
@DataJpaTest(properties = "spring.config.name=" + LedgerApplication.CONFIG_NAME)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestConfiguration.class, AccountLocks.class})
class AccountsRepositoryTest {

    @Autowired
    Accounts accounts;

    @Autowired
    AccountLocks locks;

    @Autowired
    TestEntityManager entityManager;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAccountRoundTripsThroughTheSchema() {
        Account saved = accounts.save(Account.open("Clearing USD", "USD", AccountType.ASSET, false, "usr_x",
                Instant.parse("2026-11-25T08:00:00.123Z")));

        Account found = accounts.findById(saved.id()).orElseThrow();

        assertThat(found.type()).isEqualTo(AccountType.ASSET);
        assertThat(found.normalBalance()).isEqualTo(Side.DEBIT);
        assertThat(found.ownerId()).isEqualTo("usr_x");
        assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00.123Z"));
    }

    @Test
    void lockedAccountsAreTheOnesThatExistWithTheirStoredTotals() {
        Account guarded = accounts.save(Account.open("guarded", "EUR", AccountType.LIABILITY, false, null, Instant.now()));
        Account open = accounts.save(Account.open("open", "EUR", AccountType.ASSET, true, null, Instant.now()));
        entityManager.flush();

        Map<String, LockedAccount> locked = locks.lockInIdOrder(new TreeSet<>(List.of(guarded.id(), open.id(), "acc_missing")));

        assertThat(locked).containsOnlyKeys(guarded.id(), open.id());
        assertThat(locked.get(guarded.id()).currency()).isEqualTo("EUR");
        assertThat(locked.get(guarded.id()).totals()).isEqualTo(new Totals(Side.CREDIT, false, 0, 0));
        assertThat(locked.get(open.id()).totals()).isEqualTo(new Totals(Side.DEBIT, true, 0, 0));
    }

    @Test
    void whatWasRecordedIsAddedToTheStoredTotals() {
        Account account = accounts.save(Account.open("cash", "USD", AccountType.ASSET, false, null, Instant.now()));
        entityManager.flush();
        LockedAccount locked = locks.lockInIdOrder(new TreeSet<>(List.of(account.id()))).get(account.id());
        locked.record(70, 0);
        locked.record(0, 20);

        locks.writeBack(List.of(locked));

        assertThat(jdbc.sql("SELECT debits, credits FROM accounts WHERE id = ?").param(account.id())
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2))).single()).containsExactly(70L, 20L);
    }

    @Test
    void keysetPagesAreNewestFirst() {
        String owner = "usr_" + UUID.randomUUID().toString().replace("-", "");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            accounts.save(Account.open("n" + i, "USD", AccountType.ASSET, true, owner, t.plusSeconds(i)));
        }

        Window<Account> first = accounts.findByOwnerIdOrderByCreatedAtDescIdDesc(owner, ScrollPosition.keyset(), Limit.of(2));
        Account last = first.getContent().getLast();
        Window<Account> second = accounts.findByOwnerIdOrderByCreatedAtDescIdDesc(owner,
                ScrollPosition.forward(Map.of("createdAt", last.createdAt(), "id", last.id())), Limit.of(2));

        assertThat(first.getContent()).extracting(Account::name).containsExactly("n4", "n3");
        assertThat(first.hasNext()).isTrue();
        assertThat(second.getContent()).extracting(Account::name).containsExactly("n2", "n1");
    }
}
