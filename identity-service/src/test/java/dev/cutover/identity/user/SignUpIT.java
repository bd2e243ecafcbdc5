package dev.cutover.identity.user;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.UserSpec;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.testsupport.Concurrently;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up: validation answers SPEC codes, and one address is one account, whatever its case and however many race. */
@IdentityIntegrationTest
class SignUpIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IdentityClient identity;

    @BeforeEach
    void connect() {
        identity = new IdentityClient(port);
    }

    @Test
    void aValidSignUpCreatesAnUnverifiedUserAndNeverReturnsThePassword() {
        UserSpec user = IdentityClient.user();

        Response response = identity.signUp(user);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.jsonPath().getString("id")).startsWith("usr_");
        assertThat(response.jsonPath().getString("email")).isEqualTo(user.email());
        assertThat(response.jsonPath().getString("full_name")).isEqualTo(user.fullName());
        assertThat(response.jsonPath().getString("country")).isEqualTo("GB");
        assertThat(response.jsonPath().getString("kyc_status")).isEqualTo("unverified");
        assertThat(response.jsonPath().getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(response.jsonPath().getMap("")).containsOnlyKeys("id", "email", "full_name", "country", "kyc_status", "created_at");
        assertThat(response.asString()).doesNotContain(user.password());
        String stored = jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
                .param("id", response.jsonPath().getString("id")).query(String.class).single();
        assertThat(stored).startsWith("{argon2}$argon2id$").doesNotContain(user.password());
    }

    static Stream<Arguments> invalidSignUps() {
        LocalDate today = LocalDate.now();
        return Stream.of(
                invalid("email without at", u -> u.email("not-an-email"), "email"),
                invalid("email without domain dot", u -> u.email("someone@localhost"), "email"),
                invalid("email too long", u -> u.email("a".repeat(250) + "@example.com"), "email"),
                invalid("email missing", u -> u.without("email"), "email"),
                invalid("password of 11 characters", u -> u.password("elevenchars"), "password"),
                invalid("password of 129 characters", u -> u.password("p".repeat(129)), "password"),
                invalid("password missing", u -> u.without("password"), "password"),
                invalid("password as a number", u -> u.with("password", 123456789012L), "password"),
                invalid("full name blank", u -> u.fullName("   "), "full_name"),
                invalid("country in lower case", u -> u.country("gb"), "country"),
                invalid("country with three letters", u -> u.country("GBR"), "country"),
                invalid("country that does not exist", u -> u.country("XX"), "country"),
                invalid("country missing", u -> u.without("country"), "country"),
                invalid("date of birth in the future", u -> u.dateOfBirth(today.plusDays(1)), "date_of_birth"),
                invalid("date of birth of a 17 year old", u -> u.dateOfBirth(today.minusYears(17)), "date_of_birth"),
                invalid("date of birth one day short of 18", u -> u.dateOfBirth(today.minusYears(18).plusDays(1)), "date_of_birth"),
                invalid("date of birth 200 years ago", u -> u.dateOfBirth(today.minusYears(200)), "date_of_birth"),
                invalid("date of birth not a date", u -> u.dateOfBirth("1990-13-45"), "date_of_birth"),
                invalid("date of birth as a timestamp", u -> u.dateOfBirth("1990-04-12T00:00:00Z"), "date_of_birth"),
                invalid("date of birth as a local date-time", u -> u.dateOfBirth("1990-04-12T00:00:00"), "date_of_birth"),
                invalid("date of birth as a number", u -> u.with("date_of_birth", 19900412), "date_of_birth"),
                invalid("date of birth missing", u -> u.without("date_of_birth"), "date_of_birth"),
                invalid("unknown field", u -> u.with("kyc_status", "verified"), "kyc_status"));
    }

    private static Arguments invalid(String name, UnaryOperator<UserSpec> change, String field) {
        return Arguments.of(name, change, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSignUps")
    void invalidSignUpsAreRefusedNamingTheField(String name, UnaryOperator<UserSpec> change, String field) {
        UserSpec user = change.apply(IdentityClient.user());

        Response response = identity.signUp(user);

        assertProblem(response, 400, "validation_failed", field);
        if (user.body().get("password") instanceof String password) {
            assertThat(response.asString()).doesNotContain(password);
        }
        assertThat(countByEmail(user.email())).isZero();
    }

    @Test
    void exactly18YearsOldMaySignUp() {
        assertThat(identity.signUp(IdentityClient.user().dateOfBirth(LocalDate.now(java.time.ZoneOffset.UTC).minusYears(18)))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void aSecondAccountForTheSameEmailIsRefused() {
        UserSpec first = IdentityClient.user();
        identity.signUp(first).then().statusCode(201);

        assertProblem(identity.signUp(IdentityClient.user().email(first.email())), 409, "email_taken", null);
    }

    @Test
    void anEmailDifferingOnlyInCaseIsTheSameAccount() {
        String email = "Mixed.Case-" + UUID.randomUUID() + "@Example.COM";
        identity.signUp(IdentityClient.user().email(email)).then().statusCode(201);

        assertProblem(identity.signUp(IdentityClient.user().email(email.toLowerCase(Locale.ROOT))), 409, "email_taken", null);
        assertProblem(identity.signUp(IdentityClient.user().email(email.toUpperCase(Locale.ROOT))), 409, "email_taken", null);
        assertThat(countByEmail(email)).isEqualTo(1);
    }

    @Test
    void tenConcurrentSignUpsOfOneEmailCreateExactlyOneUser() {
        String email = "race-" + UUID.randomUUID() + "@example.com";

        List<Response> responses = Concurrently.run(10, i -> () -> identity.signUp(IdentityClient.user()
                .email(i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT))));

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() != 201)
                .hasSize(9)
                .allSatisfy(r -> assertProblem(r, 409, "email_taken", null));
        assertThat(countByEmail(email)).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheSignUp() {
        UserSpec user = IdentityClient.user();
        String key = UUID.randomUUID().toString();

        Response first = identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(user.body()).post("/api/v1/users");
        Response replay = identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(user.body()).post("/api/v1/users");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isNull();
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header(CutoverHeaders.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(countByEmail(user.email())).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        UserSpec user = IdentityClient.user();
        identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(user.body()).post("/api/v1/users")
                .then().statusCode(201);

        Response reused = identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(IdentityClient.user().email(user.email()).password("another password entirely").body())
                .post("/api/v1/users");

        assertProblem(reused, 422, "idempotency_key_reused", null);
    }

    @Test
    void aRefusedSignUpStoresNothingUnderItsIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        UserSpec taken = IdentityClient.user();
        identity.signUp(taken).then().statusCode(201);
        UserSpec user = IdentityClient.user();

        assertProblem(identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(IdentityClient.user().email(user.email()).country("XX").body()).post("/api/v1/users"), 400, "validation_failed", "country");
        assertProblem(identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key)
                .body(IdentityClient.user().email(taken.email()).body()).post("/api/v1/users"), 409, "email_taken", null);
        assertThat(identity.anonymous().header(CutoverHeaders.IDEMPOTENCY_KEY, key).body(user.body()).post("/api/v1/users")
                .statusCode()).as("the corrected retry with the same key runs").isEqualTo(201);
    }

    private long countByEmail(String email) {
        if (email == null) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(:email)").param("email", email)
                .query(Long.class).single();
    }
}
