package dev.cutover.kit.web;

import dev.cutover.kit.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageQueryTest {

    @Test
    void aMissingLimitMeansTwentyAndABlankCursorMeansTheFirstPage() {
        PageQuery query = PageQuery.of(null, " ");

        assertThat(query.limit()).isEqualTo(20);
        assertThat(query.startingAfter()).isNull();
        assertThat(query.fetchSize()).isEqualTo(21);
    }

    @Test
    void aLimitOutsideOneToAHundredIsAValidationProblemOnLimit() {
        assertThatThrownBy(() -> PageQuery.of(0, null)).isInstanceOfSatisfying(ProblemException.class,
                problem -> assertThat(problem.violations()).extracting("field").containsExactly("limit"));
        assertThatThrownBy(() -> PageQuery.of(101, null)).isInstanceOf(ProblemException.class);
    }
}
