package dev.cutover.contracts.auth;

import java.time.Duration;

/** Names and rules of the JWT access tokens identity issues and everyone else verifies (JWS RS256). */
public final class TokenClaims {

    public static final String ALGORITHM = "RS256";
    public static final String KEY_ID_HEADER = "kid";

    public static final String ISSUER = "iss";
    public static final String SUBJECT = "sub";
    public static final String SCOPE = "scope";
    public static final String ISSUED_AT = "iat";
    public static final String EXPIRES_AT = "exp";
    public static final String TOKEN_ID = "jti";

    /** Access tokens live 15 minutes. */
    public static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

    /** Where identity publishes its signing keys. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private TokenClaims() {
    }
}
