package dev.cutover.identity.user;

import dev.cutover.identity.IdentityApplication;
import dev.cutover.identity.config.WebSliceSecurity;
import dev.cutover.kit.idempotency.IdempotentRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The internal KYC status endpoint answers the service scope only; users and ops are forbidden. */
@WebMvcTest(controllers = UserController.class, properties = "spring.config.name=" + IdentityApplication.CONFIG_NAME)
@Import(WebSliceSecurity.class)
class InternalEndpointWebTest {

    private static final String PATH = "/internal/v1/users/{id}/kyc-status";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    IdempotentRequests idempotent;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void aServiceReadsTheKycStatus() throws Exception {
        when(accounts.kycStatus("usr_1")).thenReturn(new KycStatusView("usr_1", KycStatus.VERIFIED));

        mvc.perform(get(PATH, "usr_1").with(jwt().jwt(j -> j.subject("payments-service"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_service"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user_id").value("usr_1"))
                .andExpect(jsonPath("$.kyc_status").value("verified"));
    }

    @Test
    void theUserThemselvesIsForbidden() throws Exception {
        mvc.perform(get(PATH, "usr_1").with(jwt().jwt(j -> j.subject("usr_1")).authorities(new SimpleGrantedAuthority("SCOPE_user"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        verify(accounts, never()).kycStatus(anyString());
    }

    @Test
    void opsAreForbidden() throws Exception {
        mvc.perform(get(PATH, "usr_1").with(jwt().jwt(j -> j.subject("ops-console")).authorities(new SimpleGrantedAuthority("SCOPE_ops"))))
                .andExpect(status().isForbidden());
    }

    @Test
    void withoutATokenItIsUnauthorized() throws Exception {
        mvc.perform(get(PATH, "usr_1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }
}
