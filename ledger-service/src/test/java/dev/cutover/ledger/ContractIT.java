package dev.cutover.ledger;

import dev.cutover.contracts.ApiContract;
import dev.cutover.ledger.support.LedgerIntegrationTest;
import dev.cutover.testsupport.ContractDiff;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@LedgerIntegrationTest
class ContractIT {

    @LocalServerPort
    int port;

    @Test
    void servedOpenApiHasNoBreakingDifferenceFromTheLedgerContract() {
        String served = RestAssured.given().port(port).get("/v3/api-docs").then().statusCode(200).extract().asString();

        ContractDiff.keepForInspection(ApiContract.LEDGER, served);
        ContractDiff.assertCompatible(ApiContract.LEDGER, served);
    }
}
