package dev.cutover.testsupport;

import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a response is a proper RFC 9457 problem with a SPEC code, and leaks nothing internal. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /**
     * @param field a field the {@code errors} array must name, or {@code null} when none is expected
     */
    public static void assertProblem(Response response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("type")).startsWith("https://cutover.dev/problems/");
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.asString())
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("at dev.cutover")
                .doesNotContainIgnoringCase("sql")
                .doesNotContainIgnoringCase("hibernate");
        if (field != null) {
            assertThat(response.jsonPath().getList("errors.field", String.class)).contains(field);
        }
    }
}
