package dev.cutover.identity.token;

import dev.cutover.identity.IdentityApplication;
import dev.cutover.identity.config.WebSliceSecurity;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The token endpoint binds JSON and form bodies alike, strictly, and answers without a token. */
@WebMvcTest(controllers = TokenController.class, properties = "spring.config.name=" + IdentityApplication.CONFIG_NAME)
@Import(WebSliceSecurity.class)
class TokenEndpointWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Grants grants;

    @MockitoBean
    JwtDecoder jwtDecoder;

    @Test
    void jsonAndFormBodiesBindToTheSameRequest() throws Exception {
        when(grants.issue(any(), anyString())).thenReturn(new TokenResponse("a.b.c", "Bearer", 900, "rt_x", "user"));

        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"grant_type\": \"password\", \"email\": \"a@example.com\", \"password\": \"p w+&=\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.access_token").value("a.b.c"))
                .andExpect(jsonPath("$.token_type").value("Bearer"))
                .andExpect(jsonPath("$.expires_in").value(900))
                .andExpect(header().string("Cache-Control", "no-store"));
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=password&email=a%40example.com&password=p+w%2B%26%3D"))
                .andExpect(status().isOk());

        ArgumentCaptor<TokenRequest> bound = ArgumentCaptor.forClass(TokenRequest.class);
        verify(grants, org.mockito.Mockito.times(2)).issue(bound.capture(), anyString());
        assertThat(bound.getAllValues().get(1)).isEqualTo(bound.getAllValues().get(0));
        assertThat(bound.getValue().password()).isEqualTo("p w+&=");
    }

    @Test
    void aClientCredentialsResponseHasNoRefreshTokenKey() throws Exception {
        when(grants.issue(any(), anyString())).thenReturn(new TokenResponse("a.b.c", "Bearer", 900, null, "ops"));

        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=client_credentials&client_id=ops-console&client_secret=s"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refresh_token").doesNotExist())
                .andExpect(jsonPath("$.scope").value("ops"));
    }

    @Test
    void anUnknownFormFieldIsRefused() throws Exception {
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=password&email=a%40example.com&password=x&remember_me=1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("remember_me"));
        verify(grants, never()).issue(any(), anyString());
    }

    @Test
    void aRepeatedFormFieldIsRefused() throws Exception {
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=password&email=a%40example.com&email=b%40example.com&password=x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be repeated"));
    }

    @Test
    void anUnsupportedGrantTypeIsRefusedInEitherEncoding() throws Exception {
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("grant_type=authorization_code&code=x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("grant_type"));
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON).content("{\"grant_type\": \"implicit\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("grant_type"));
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("grant_type"));
    }

    @Test
    void credentialsInTheQueryStringAreRefused() throws Exception {
        mvc.perform(post("/api/v1/auth/token?password=x").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"grant_type\": \"password\", \"email\": \"a@example.com\", \"password\": \"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("query"));
        verify(grants, never()).issue(any(), anyString());
    }

    @Test
    void otherMediaTypesAreUnsupported() throws Exception {
        mvc.perform(post("/api/v1/auth/token").contentType(MediaType.TEXT_PLAIN).content("grant_type=password"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("unsupported_media_type"));
    }

    @Test
    void aStaleBearerTokenDoesNotBlockTheTokenEndpoint() throws Exception {
        when(grants.issue(any(), anyString())).thenReturn(new TokenResponse("a.b.c", "Bearer", 900, null, "ops"));

        mvc.perform(post("/api/v1/auth/token").header("Authorization", "Bearer expired.or.garbage")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"grant_type\": \"client_credentials\", \"client_id\": \"c\", \"client_secret\": \"s\"}"))
                .andExpect(status().isOk());
        verify(jwtDecoder, never()).decode(anyString());
    }
}
