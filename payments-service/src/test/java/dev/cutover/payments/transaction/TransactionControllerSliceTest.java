package dev.cutover.payments.transaction;

import dev.cutover.kit.idempotency.IdempotentRequests;
import dev.cutover.payments.config.PaymentsSecurity;
import dev.cutover.payments.kyc.KycGate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web layer alone: what a create request may contain, decided before any use case runs. */
@WebMvcTest(TransactionController.class)
@Import(PaymentsSecurity.class)
class TransactionControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Charging charging;

    @MockitoBean
    KycGate kyc;

    @MockitoBean
    IdempotentRequests idempotent;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void aFloatAmountIsRefusedBeforeAnythingRuns() throws Exception {
        mvc.perform(post("/api/v1/transactions").with(jwt().authorities(() -> "SCOPE_user"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": 10.5, \"currency\": \"USD\", \"payment_method_id\": \"pm_test_visa_4242\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"));
        verifyNoInteractions(charging, kyc, idempotent);
    }

    @Test
    void anUnsupportedCurrencyIsRefused() throws Exception {
        mvc.perform(post("/api/v1/transactions").with(jwt().authorities(() -> "SCOPE_user"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": 10, \"currency\": \"SEK\", \"payment_method_id\": \"pm_test_visa_4242\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("currency"));
        verifyNoInteractions(charging, kyc, idempotent);
    }

    @Test
    void anOpsTokenCannotCharge() throws Exception {
        mvc.perform(post("/api/v1/transactions").with(jwt().authorities(() -> "SCOPE_ops"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\": 10, \"currency\": \"USD\", \"payment_method_id\": \"pm_test_visa_4242\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        verifyNoInteractions(charging, kyc, idempotent);
    }
}
