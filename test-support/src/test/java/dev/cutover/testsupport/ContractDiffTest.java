package dev.cutover.testsupport;

import dev.cutover.contracts.ApiContract;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract diff must pass the contract itself and fail on each kind of breaking change. */
class ContractDiffTest {

    @Test
    void aSliceHoldsOnlyTheOperationsOfItsService() {
        OpenAPI ledger = ContractDiff.contractSlice(ApiContract.LEDGER);

        assertThat(ledger.getPaths()).containsKeys("/api/v1/entries", "/api/v1/accounts").doesNotContainKeys("/api/v1/users");
        ledger.getPaths().values().forEach(item -> item.readOperations()
                .forEach(op -> assertThat(op.getTags()).containsExactly(ApiContract.LEDGER)));
    }

    @Test
    void theContractIsCompatibleWithItself() {
        for (String service : List.of(ApiContract.IDENTITY, ApiContract.PAYMENTS, ApiContract.LEDGER)) {
            ContractDiff.assertCompatible(service, Json31.pretty(ContractDiff.contractSlice(service)));
        }
    }

    @Test
    void aMissingOperationBreaksTheContract() {
        OpenAPI served = ContractDiff.contractSlice(ApiContract.LEDGER);
        served.getPaths().get("/api/v1/entries/{id}/reversal").setPost(null);

        assertThatThrownBy(() -> ContractDiff.assertCompatible(ApiContract.LEDGER, Json31.pretty(served)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing operation POST /api/v1/entries/{id}/reversal");
    }

    @Test
    void aDroppedResponseFieldBreaksTheContract() {
        OpenAPI served = ContractDiff.contractSlice(ApiContract.LEDGER);
        Schema<?> account = served.getComponents().getSchemas().get("Account");
        account.getProperties().remove("owner_id");
        account.getRequired().remove("owner_id");

        assertThatThrownBy(() -> ContractDiff.assertCompatible(ApiContract.LEDGER, Json31.pretty(served)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("owner_id");
    }

    @Test
    void aNewRequiredRequestFieldBreaksTheContract() {
        OpenAPI served = ContractDiff.contractSlice(ApiContract.LEDGER);
        Schema<?> create = served.getComponents().getSchemas().get("AccountCreate");
        create.setRequired(new java.util.ArrayList<>(create.getRequired()));
        create.getRequired().add("owner_id");

        assertThatThrownBy(() -> ContractDiff.assertCompatible(ApiContract.LEDGER, Json31.pretty(served)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("required");
    }

    @Test
    void aNarrowerEnumInARequestBreaksTheContract() {
        OpenAPI served = ContractDiff.contractSlice(ApiContract.LEDGER);
        @SuppressWarnings("unchecked")
        Schema<Object> type = (Schema<Object>) served.getComponents().getSchemas().get("AccountCreate").getProperties().get("type");
        type.setEnum(new java.util.ArrayList<>(List.of("asset", "liability")));

        assertThatThrownBy(() -> ContractDiff.assertCompatible(ApiContract.LEDGER, Json31.pretty(served)))
                .isInstanceOf(AssertionError.class);
    }
}
