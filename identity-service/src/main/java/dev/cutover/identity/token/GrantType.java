package dev.cutover.identity.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The grants of SPEC §2, by their OAuth 2.0 names. */
enum GrantType {

    @JsonProperty("password") PASSWORD,
    @JsonProperty("refresh_token") REFRESH_TOKEN,
    @JsonProperty("client_credentials") CLIENT_CREDENTIALS;

    String wire() {
        return switch (this) {
            case PASSWORD -> "password";
            case REFRESH_TOKEN -> "refresh_token";
            case CLIENT_CREDENTIALS -> "client_credentials";
        };
    }
}
