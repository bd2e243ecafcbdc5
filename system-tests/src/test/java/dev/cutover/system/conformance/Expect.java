package dev.cutover.system.conformance;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.id.IdPrefix;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client relies on in an answer: the status, the media type, the problem members, the formats. Every failure
 * names the request and shows the response ({@link Exchanges}).
 */
final class Expect {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** RFC 3339 in UTC, always with milliseconds and {@code Z}: {@code 2026-11-25T08:30:00.123Z}. */
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A timestamp of something just created is this close to the test's clock (a time-zone slip is hours). */
    private static final Duration RECENT = Duration.ofMinutes(5);

    private Expect() {
    }

    /** {@code status} with an {@code application/json} body, which is returned. */
    static Map<String, Object> json(Response response, int status) {
        assertThat(response.statusCode()).as(Exchanges.describe(response)).isEqualTo(status);
        assertThat(mediaType(response)).as(Exchanges.describe(response)).isEqualTo(JSON);
        return map(response);
    }

    /** {@code status} with a JSON body of the representation {@code shape} checks (see {@link Representations}). */
    static Map<String, Object> resource(Response response, int status, UnaryOperator<Map<String, Object>> shape) {
        Map<String, Object> body = json(response, status);
        try {
            return shape.apply(body);
        } catch (AssertionError wrong) {
            throw new AssertionError(Exchanges.describe(response) + "\n" + wrong.getMessage(), wrong);
        }
    }

    static Map<String, Object> map(Response response) {
        return response.jsonPath().getMap("$");
    }

    /** {@code 201} replayed: the header {@code Idempotent-Replayed: true} and the body of the first answer. */
    static Map<String, Object> replayed(Response response, int status, Map<String, Object> original) {
        Map<String, Object> body = json(response, status);
        assertThat(response.header("Idempotent-Replayed")).as(Exchanges.describe(response)).isEqualTo("true");
        assertThat(body).as(Exchanges.describe(response)).isEqualTo(original);
        return body;
    }

    /** A first answer is not marked as a replay. */
    static void notReplayed(Response response) {
        assertThat(response.header("Idempotent-Replayed")).as(Exchanges.describe(response)).isNotEqualTo("true");
    }

    static void noContent(Response response) {
        assertThat(response.statusCode()).as(Exchanges.describe(response)).isEqualTo(204);
        assertThat(response.asString()).as(Exchanges.describe(response)).isEmpty();
    }

    /**
     * An RFC 9457 problem of {@code code}: its status, {@code application/problem+json}, and the members {@code type},
     * {@code title}, {@code status} and {@code code} exactly as common-contracts defines them, a {@code detail} (whose
     * text is not checked), and nothing that leaks an implementation.
     */
    static Map<String, Object> problem(Response response, ErrorCode code) {
        String exchange = Exchanges.describe(response);
        assertThat(response.statusCode()).as(exchange).isEqualTo(code.status());
        assertThat(mediaType(response)).as(exchange).isEqualTo(PROBLEM_JSON);
        Map<String, Object> problem = map(response);
        assertThat(problem).as(exchange).containsKeys("type", "title", "status", "detail", "code");
        assertThat(problem.get("type")).as(exchange).isEqualTo(code.type().toString());
        assertThat(problem.get("title")).as(exchange).isEqualTo(code.title());
        assertThat(problem.get("status")).as(exchange).isEqualTo(code.status());
        assertThat(problem.get("code")).as(exchange).isEqualTo(code.code());
        assertThat(problem.get("detail")).as(exchange).isInstanceOf(String.class);
        assertThat(response.asString()).as(exchange)
                .doesNotContain("Traceback").doesNotContain("File \"/").doesNotContain("at dev.cutover")
                .doesNotContainIgnoringCase("psycopg").doesNotContainIgnoringCase("hibernate")
                .doesNotContain("Exception");
        return problem;
    }

    /** A {@code validation_failed} problem whose {@code errors} name these fields and no other (in any order). */
    static Map<String, Object> invalid(Response response, String... fields) {
        Map<String, Object> problem = problem(response, ErrorCode.VALIDATION_FAILED);
        assertThat(errorFields(response)).as(Exchanges.describe(response)).containsOnly(fields);
        return problem;
    }

    static List<String> errorFields(Response response) {
        List<Map<String, Object>> errors = response.jsonPath().getList("errors");
        assertThat(errors).as(Exchanges.describe(response)).isNotNull().isNotEmpty();
        for (Map<String, Object> error : errors) {
            assertThat(error).as(Exchanges.describe(response)).containsOnlyKeys("field", "message");
            assertThat(error.get("message")).as(Exchanges.describe(response)).isInstanceOf(String.class);
        }
        return errors.stream().map(error -> (String) error.get("field")).toList();
    }

    /** 401 {@code unauthorized} with a Bearer challenge. */
    static void unauthorized(Response response) {
        problem(response, ErrorCode.UNAUTHORIZED);
        assertThat(response.header("WWW-Authenticate")).as(Exchanges.describe(response)).isNotNull().startsWith("Bearer");
    }

    static String mediaType(Response response) {
        String contentType = response.contentType();
        if (contentType == null) {
            return null;
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    // ─── formats ───

    static String id(Object value, IdPrefix prefix) {
        assertThat(value).isInstanceOf(String.class);
        assertThat(prefix.isWellFormed((String) value)).as("%s is a well-formed %s id", value, prefix.prefix()).isTrue();
        return (String) value;
    }

    static Instant timestamp(Object value) {
        assertThat(value).isInstanceOf(String.class);
        assertThat((String) value).as("RFC 3339 UTC with milliseconds and Z").matches(TIMESTAMP);
        return Instant.parse((String) value);
    }

    /** A timestamp of something the test just made. */
    static Instant recent(Object value) {
        Instant instant = timestamp(value);
        assertThat(instant).isBetween(Instant.now().minus(RECENT), Instant.now().plus(RECENT));
        return instant;
    }

    static LocalDate date(Object value) {
        assertThat(value).isInstanceOf(String.class);
        assertThat((String) value).as("RFC 3339 full-date").matches(DATE);
        return LocalDate.parse((String) value);
    }

    /** Money and counts are JSON integers, never floats or strings. */
    static long integer(Object value) {
        assertThat(value).as("a JSON integer").isInstanceOfAny(Integer.class, Long.class);
        return ((Number) value).longValue();
    }

    static String nullableString(Object value) {
        if (value != null) {
            assertThat(value).isInstanceOf(String.class);
        }
        return (String) value;
    }
}
