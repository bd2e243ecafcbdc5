package dev.cutover.contracts.paging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageTest {

    @Test
    void aLookaheadRowBeyondTheLimitMeansMoreAndIsDropped() {
        Page<Integer> page = Page.fromLookahead(List.of(1, 2, 3, 4), 3);

        assertThat(page.data()).containsExactly(1, 2, 3);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void noLookaheadRowMeansTheLastPage() {
        Page<Integer> page = Page.fromLookahead(List.of(1, 2), 3);

        assertThat(page.data()).containsExactly(1, 2);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.map(i -> i * 10).data()).containsExactly(10, 20);
    }

    @Test
    void limitsAreOneToAHundred() {
        assertThat(PageLimits.isValid(0)).isFalse();
        assertThat(PageLimits.isValid(1)).isTrue();
        assertThat(PageLimits.isValid(100)).isTrue();
        assertThat(PageLimits.isValid(101)).isFalse();
        assertThat(PageLimits.DEFAULT).isEqualTo(20);
    }
}
