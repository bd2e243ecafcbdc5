package dev.cutover.contracts.id;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdPrefixTest {

    @Test
    void idsCarryTheirPrefixAndAnOpaqueBody() {
        for (IdPrefix prefix : IdPrefix.values()) {
            String id = prefix.newId();
            assertThat(id).startsWith(prefix.prefix()).hasSize(prefix.prefix().length() + IdPrefix.BODY_LENGTH);
            assertThat(id.substring(prefix.prefix().length())).matches("[0-9a-hjkmnp-tv-z]{26}");
            assertThat(prefix.isWellFormed(id)).isTrue();
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(IdPrefix.TRANSACTION.newId())).isTrue();
        }
    }

    @Test
    void laterIdsSortAfterEarlierOnesAcrossMilliseconds() throws InterruptedException {
        String earlier = IdPrefix.JOURNAL_ENTRY.newId();
        Thread.sleep(2);
        String later = IdPrefix.JOURNAL_ENTRY.newId();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void wellKnownTestIdsAreWellFormedButForeignOnesAreNot() {
        assertThat(IdPrefix.PAYMENT_METHOD.isWellFormed("pm_test_visa_4242")).isTrue();
        assertThat(IdPrefix.PAYMENT_METHOD.isWellFormed("txn_01abc")).isFalse();
        assertThat(IdPrefix.PAYMENT_METHOD.isWellFormed("pm_")).isFalse();
        assertThat(IdPrefix.PAYMENT_METHOD.isWellFormed("pm_DROP TABLE")).isFalse();
        assertThat(IdPrefix.PAYMENT_METHOD.isWellFormed(null)).isFalse();
    }

    @Property
    void arbitraryStringsWithoutThePrefixAreNeverWellFormed(@ForAll String candidate) {
        if (!candidate.startsWith("acc_")) {
            assertThat(IdPrefix.ACCOUNT.isWellFormed(candidate)).isFalse();
        }
    }
}
