package dev.cutover.gateway.control;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.routing.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChangeRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aWholeWeightWithAReasonIsAValidChange() {
        var change = ChangeRequests.setWeight("payments", json("{\"weight\": 40, \"reason\": \"ramp up\"}"));

        assertThat(change.domain()).isEqualTo(Domain.PAYMENTS);
        assertThat(change.weight()).isEqualTo(40);
        assertThat(change.reason()).isEqualTo("ramp up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "\"abc\"", "\"50\"", "50.5", "null", "true", "[50]"})
    void aWeightThatIsNotAWholeNumberFromZeroToOneHundredIsRefused(String weight) {
        var problem = refused("payments", "{\"weight\": " + weight + ", \"reason\": \"x\"}");

        assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("weight");
    }

    @Test
    void anUnknownDomainIsRefusedNamingTheDomainField() {
        var problem = refused("wallets", "{\"weight\": 10, \"reason\": \"x\"}");

        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("domain");
    }

    @Test
    void aReasonIsRequiredAndUnknownFieldsAreRejectedAllAtOnce() {
        var problem = refused("ledger", "{\"weight\": 10, \"reason\": \"  \", \"force\": true}");

        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("force", "reason");
    }

    @Test
    void theKillSwitchNeedsAReasonToo() {
        var problem = catchThrowableOfType(ProblemException.class, () -> ChangeRequests.killSwitchReason(json("{}")));

        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("reason");
        assertThat(ChangeRequests.killSwitchReason(json("{\"reason\": \"incident 7\"}"))).isEqualTo("incident 7");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThat(refused("payments", "[1,2]").violations()).extracting(FieldViolation::field).containsExactly("");
        assertThat(catchThrowableOfType(ProblemException.class, () -> ChangeRequests.setWeight("payments", null))).isNotNull();
    }

    @Test
    void auditLimitsRunFromOneToOneHundred() {
        assertThat(ChangeRequests.limit(null, 20, 100)).isEqualTo(20);
        assertThat(ChangeRequests.limit("100", 20, 100)).isEqualTo(100);
        for (String bad : new String[] {"0", "101", "x", ""}) {
            assertThat(catchThrowableOfType(ProblemException.class, () -> ChangeRequests.limit(bad, 20, 100)).violations())
                    .extracting(FieldViolation::field).containsExactly("limit");
        }
    }

    private static ProblemException refused(String domain, String body) {
        return catchThrowableOfType(ProblemException.class, () -> ChangeRequests.setWeight(domain, json(body)));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
