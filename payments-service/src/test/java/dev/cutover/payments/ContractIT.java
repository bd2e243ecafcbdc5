package dev.cutover.payments;

import dev.cutover.contracts.ApiContract;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import dev.cutover.testsupport.ContractDiff;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PaymentsIntegrationTest
class ContractIT {

    @LocalServerPort
    int port;

    @Test
    void servedOpenApiHasNoBreakingDifferenceFromThePaymentsContract() {
        String served = RestAssured.given().port(port).get("/v3/api-docs").then().statusCode(200).extract().asString();

        ContractDiff.keepForInspection(ApiContract.PAYMENTS, served);
        ContractDiff.assertCompatible(ApiContract.PAYMENTS, served);
    }
}
