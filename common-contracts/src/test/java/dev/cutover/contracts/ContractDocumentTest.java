package dev.cutover.contracts;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract document itself: valid OpenAPI 3.1, every SPEC endpoint, one owning service per operation. */
class ContractDocumentTest {

    static OpenAPI contract;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = ContractDocumentTest.class.getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
            assertThat(in).as(ApiContract.RESOURCE).isNotNull();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options);
            assertThat(result.getMessages()).as("parser messages").isEmpty();
            contract = result.getOpenAPI();
        }
    }

    @Test
    void itIsOpenApi31() {
        assertThat(contract.getOpenapi()).startsWith("3.1");
    }

    @ParameterizedTest(name = "{0} {1} owned by {2}")
    @CsvSource({
        "POST, /api/v1/users, identity", "POST, /api/v1/auth/token, identity", "GET, /.well-known/jwks.json, identity",
        "GET, /api/v1/users/me, identity", "GET, /api/v1/users/{id}, identity", "POST, /api/v1/kyc-records, identity",
        "GET, /api/v1/kyc-records/{id}, identity", "POST, /api/v1/verifications, identity",
        "POST, /api/v1/verifications/{id}/decision, identity", "GET, /api/v1/verifications/{id}, identity",
        "GET, /internal/v1/users/{id}/kyc-status, identity", "DELETE, /api/v1/users/{id}/pii, identity",
        "POST, /api/v1/payment-methods, payments", "GET, /api/v1/payment-methods, payments",
        "DELETE, /api/v1/payment-methods/{id}, payments", "POST, /api/v1/transactions, payments",
        "GET, /api/v1/transactions/{id}, payments", "GET, /api/v1/transactions, payments", "POST, /api/v1/refunds, payments",
        "GET, /api/v1/refunds/{id}, payments", "GET, /api/v1/refunds, payments",
        "POST, /api/v1/accounts, ledger", "GET, /api/v1/accounts/{id}, ledger", "GET, /api/v1/accounts, ledger",
        "POST, /api/v1/entries, ledger", "GET, /api/v1/entries/{id}, ledger", "GET, /api/v1/accounts/{id}/entries, ledger",
        "POST, /api/v1/entries/{id}/reversal, ledger", "GET, /api/v1/balances/{account_id}, ledger",
        "GET, /api/v1/ledger/integrity, ledger"
    })
    void everySpecEndpointIsDescribedAndOwned(String method, String path, String service) {
        PathItem item = contract.getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertThat(operation).as(method + " " + path).isNotNull();
        assertThat(operation.getTags()).containsExactly(service);
    }

    @Test
    void everyOperationHasExactlyOneServiceTagAndAUniqueId() {
        List<String> ids = new ArrayList<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertThat(operation.getTags()).as(method + " " + path).hasSize(1)
                    .first().isIn(ApiContract.IDENTITY, ApiContract.PAYMENTS, ApiContract.LEDGER);
            ids.add(operation.getOperationId());
        }));
        assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void onlySignUpTokenAndJwksAreAnonymous() {
        List<String> anonymous = new ArrayList<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
                anonymous.add(method + " " + path);
            }
        }));
        assertThat(anonymous).containsExactlyInAnyOrder("POST /api/v1/users", "POST /api/v1/auth/token", "GET /.well-known/jwks.json");
        assertThat(contract.getSecurity()).isNotEmpty();
    }

    @Test
    void errorsAreProblemDetailsWithAStableCode() {
        var problem = contract.getComponents().getSchemas().get("Problem");
        assertThat(problem.getRequired()).contains("type", "title", "status", "code");
        for (Map.Entry<String, io.swagger.v3.oas.models.responses.ApiResponse> response : contract.getComponents().getResponses().entrySet()) {
            assertThat(response.getValue().getContent()).as(response.getKey()).containsKey("application/problem+json");
        }
    }
}
