package dev.cutover.ledger.entry;

import dev.cutover.ledger.account.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostingRequestTest {

    private static PostingRequest.Line debit(String account, long amount) {
        return new PostingRequest.Line(account, Side.DEBIT, amount);
    }

    private static PostingRequest.Line credit(String account, long amount) {
        return new PostingRequest.Line(account, Side.CREDIT, amount);
    }

    @Test
    void anEntryBalancesWhenItsDebitsEqualItsCredits() {
        PostingRequest balanced = new PostingRequest("r", null, null, List.of(debit("a", 70), debit("b", 30), credit("c", 100)));
        PostingRequest unbalanced = new PostingRequest("r", null, null, List.of(debit("a", 70), credit("c", 69)));

        assertThat(balanced.isBalanced()).isTrue();
        assertThat(unbalanced.isBalanced()).isFalse();
        assertThat(unbalanced.total(Side.DEBIT)).isEqualTo(70);
        assertThat(unbalanced.total(Side.CREDIT)).isEqualTo(69);
    }

    @Test
    void anEntryHasAtLeastTwoLinesOfValidAmounts() {
        assertThatThrownBy(() -> new PostingRequest("r", null, null, List.of(debit("a", 1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> debit("a", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> debit("a", 100_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFingerprintIgnoresMetadataOrderButNothingElse() {
        List<PostingRequest.Line> lines = List.of(debit("a", 5), credit("b", 5));
        String base = new PostingRequest("r", "d", Map.of("x", "1", "y", "2"), lines).fingerprint();

        assertThat(new PostingRequest("r", "d", Map.of("y", "2", "x", "1"), lines).fingerprint()).isEqualTo(base);
        assertThat(new PostingRequest("r", null, Map.of("x", "1", "y", "2"), lines).fingerprint()).isNotEqualTo(base);
        assertThat(new PostingRequest("r", "d", Map.of("x", "1"), lines).fingerprint()).isNotEqualTo(base);
        assertThat(new PostingRequest("r", "d", Map.of("x", "1", "y", "2"), List.of(credit("b", 5), debit("a", 5))).fingerprint())
                .isNotEqualTo(base);
        assertThat(new PostingRequest("r", "d", Map.of("x", "1", "y", "2"), List.of(debit("a", 5), credit("b", 6))).fingerprint())
                .isNotEqualTo(base);
    }

    @Test
    void fieldBoundariesCannotBeForgedByConcatenation() {
        List<PostingRequest.Line> lines = List.of(debit("a", 5), credit("b", 5));

        assertThat(new PostingRequest("r", "ab", Map.of("c", "d"), lines).fingerprint())
                .isNotEqualTo(new PostingRequest("r", "a", Map.of("bc", "d"), lines).fingerprint());
        assertThat(new PostingRequest("r", "", Map.of(), lines).fingerprint())
                .isNotEqualTo(new PostingRequest("r", null, Map.of(), lines).fingerprint());
    }

    @Property
    void twoRequestsShareAFingerprintExactlyWhenTheyAreEqual(@ForAll("requests") PostingRequest a, @ForAll("requests") PostingRequest b) {
        assertThat(a.fingerprint().equals(b.fingerprint())).isEqualTo(a.equals(b));
    }

    @Provide
    Arbitrary<PostingRequest> requests() {
        Arbitrary<PostingRequest.Line> line = Combinators.combine(
                Arbitraries.of("acc_a", "acc_b", "acc_c"), Arbitraries.of(Side.values()), Arbitraries.longs().between(1, 3))
                .as(PostingRequest.Line::new);
        return Combinators.combine(
                Arbitraries.of("r1", "r2"),
                Arbitraries.of("x", "y").injectNull(0.3),
                Arbitraries.maps(Arbitraries.of("k1", "k2"), Arbitraries.of("v1", "v2")).ofMaxSize(2),
                line.list().ofMinSize(2).ofMaxSize(3))
                .as(PostingRequest::new);
    }
}
