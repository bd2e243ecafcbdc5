package dev.cutover.payments;

import dev.cutover.kit.web.InFlightLimit;
import dev.cutover.payments.support.PaymentsIntegrationTest;
import dev.cutover.testsupport.TestTokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/** Payments sheds load past the kit's in-flight limit (ADR 56), and says how close it is. */
@PaymentsIntegrationTest
class LoadSheddingIT {

    @LocalServerPort
    int port;

    @Autowired
    FilterRegistrationBean<InFlightLimit> inFlightLimit;

    @Test
    void theInFlightLimitIsOnByDefaultAndItsMetersArePublished() {
        assertThat(inFlightLimit.isEnabled()).isTrue();
        assertThat(inFlightLimit.getFilter().limit()).isEqualTo(256);

        String metrics = RestAssured.given().port(port).auth().oauth2(TestTokens.ops())
                .get("/actuator/prometheus").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("cutover_http_in_flight{", "cutover_http_in_flight_limit{", "cutover_http_shed_total{");
    }
}
