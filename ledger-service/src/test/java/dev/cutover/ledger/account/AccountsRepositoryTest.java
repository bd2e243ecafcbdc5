package dev.cutover.ledger.account;

import dev.cutover.ledger.LedgerApplication;
import dev.cutover.testsupport.PostgresTestConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The account repository against the real schema: mapping, lock ordering, keyset paging. */
@DataJpaTest(properties = "spring.config.name=" + LedgerApplication.CONFIG_NAME)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(PostgresTestConfiguration.class)
class AccountsRepositoryTest {

    @Autowired
    Accounts accounts;

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
    void lockedAccountsComeBackInIdOrder() {
        List<String> ids = List.of(
                accounts.save(Account.open("c", "USD", AccountType.ASSET, true, null, Instant.now())).id(),
                accounts.save(Account.open("a", "USD", AccountType.ASSET, true, null, Instant.now())).id(),
                accounts.save(Account.open("b", "USD", AccountType.ASSET, true, null, Instant.now())).id());

        assertThat(accounts.lockInIdOrder(ids)).extracting(Account::id).isSorted().containsExactlyInAnyOrderElementsOf(ids);
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
