package dev.cutover.identity;

import dev.cutover.contracts.ApiContract;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.testsupport.ContractDiff;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IdentityIntegrationTest
class ContractIT {

    @LocalServerPort
    int port;

    @Test
    void servedOpenApiHasNoBreakingDifferenceFromTheIdentityContract() {
        String served = RestAssured.given().port(port).get("/v3/api-docs").then().statusCode(200).extract().asString();

        ContractDiff.keepForInspection(ApiContract.IDENTITY, served);
        ContractDiff.assertCompatible(ApiContract.IDENTITY, served);
    }
}
