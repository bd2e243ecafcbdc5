package dev.cutover.identity.token;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import dev.cutover.identity.client.Client;
import dev.cutover.identity.client.ClientRegistry;
import dev.cutover.identity.user.User;
import dev.cutover.identity.user.UserAccounts;
import dev.cutover.kit.problem.ProblemException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three grants of SPEC §2. Bad credentials of any kind answer the same 401 {@code invalid_grant};
 * a malformed request (a missing field, a field of another grant, an unknown scope) answers 400.
 */
@Service
class Grants {

    /** Longer passwords and secrets are refused without hashing them, so nobody can make a hash expensive. */
    static final int MAX_SECRET_LENGTH = 128;

    private final UserAccounts users;
    private final ClientRegistry clients;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;

    Grants(UserAccounts users, ClientRegistry clients, AccessTokens accessTokens, RefreshTokens refreshTokens,
            LoginThrottle throttle) {
        this.users = users;
        this.clients = clients;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
    }

    TokenResponse issue(TokenRequest request, String clientAddress) {
        return switch (request.grantType()) {
            case PASSWORD -> password(request, clientAddress);
            case REFRESH_TOKEN -> refresh(request);
            case CLIENT_CREDENTIALS -> clientCredentials(request, clientAddress);
        };
    }

    private TokenResponse password(TokenRequest request, String clientAddress) {
        requireFields(request, Set.of("email", "password"));
        Set<Scope> scopes = narrowed(request.scope(), EnumSet.of(Scope.USER));
        LoginThrottle.Attempt attempt = throttle.attempt("email", request.email(), clientAddress);
        throttle.admit(attempt);
        Optional<User> user = request.password().length() > MAX_SECRET_LENGTH
                ? Optional.empty()
                : users.authenticate(request.email(), request.password());
        if (user.isEmpty()) {
            throw new TokenFacts.InvalidGrant(GrantType.PASSWORD);
        }
        throttle.succeeded(attempt);
        String scope = AccessTokens.scopeClaim(scopes);
        String userId = user.get().id();
        return new TokenResponse(accessTokens.issue(userId, scopes), TokenResponse.BEARER, AccessTokens.expiresInSeconds(),
                refreshTokens.startFamily(userId, scope), scope);
    }

    private TokenResponse refresh(TokenRequest request) {
        requireFields(request, Set.of("refresh_token"));
        // Families come from password grants only, so their scope is at most "user".
        Set<Scope> requested = narrowed(request.scope(), EnumSet.of(Scope.USER));
        RefreshTokens.Rotated rotated = refreshTokens.rotate(request.refreshToken())
                .orElseThrow(() -> new TokenFacts.InvalidGrant(GrantType.REFRESH_TOKEN));
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String value : rotated.scope().split(" ")) {
            Scope.fromValue(value).ifPresent(granted::add);
        }
        granted.retainAll(requested);
        String scope = AccessTokens.scopeClaim(granted);
        return new TokenResponse(accessTokens.issue(rotated.userId(), granted), TokenResponse.BEARER,
                AccessTokens.expiresInSeconds(), rotated.refreshToken(), scope);
    }

    private TokenResponse clientCredentials(TokenRequest request, String clientAddress) {
        requireFields(request, Set.of("client_id", "client_secret"));
        Set<Scope> requested = narrowed(request.scope(), EnumSet.of(Scope.OPS, Scope.SERVICE));
        LoginThrottle.Attempt attempt = throttle.attempt("client", request.clientId(), clientAddress);
        throttle.admit(attempt);
        Optional<Client> client = request.clientSecret().length() > MAX_SECRET_LENGTH
                ? Optional.empty()
                : clients.authenticate(request.clientId(), request.clientSecret());
        if (client.isEmpty()) {
            throw new TokenFacts.InvalidGrant(GrantType.CLIENT_CREDENTIALS);
        }
        throttle.succeeded(attempt);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        scopes.addAll(client.get().scopes());
        if (request.scope() != null) {
            if (!scopes.containsAll(requested)) {
                throw ProblemException.invalidField("scope", "must be a subset of the scopes granted to the client");
            }
            scopes.retainAll(requested);
        }
        String scope = AccessTokens.scopeClaim(scopes);
        return new TokenResponse(accessTokens.issue(client.get().id(), scopes), TokenResponse.BEARER,
                AccessTokens.expiresInSeconds(), null, scope);
    }

    /**
     * The requested scopes (all of {@code allowed} when none were requested); 400 for an unknown scope or
     * one the grant cannot give.
     */
    private static Set<Scope> narrowed(String requested, Set<Scope> allowed) {
        if (requested == null) {
            return EnumSet.copyOf(allowed);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String value : requested.strip().split(" +")) {
            Scope scope = Scope.fromValue(value).filter(allowed::contains).orElseThrow(() ->
                    ProblemException.invalidField("scope", "must be a space-separated subset of the scopes this grant gives"));
            scopes.add(scope);
        }
        if (scopes.isEmpty()) {
            throw ProblemException.invalidField("scope", "must name at least one scope when present");
        }
        return scopes;
    }

    /** Every field of the grant present and not blank, and none of another grant's. */
    private static void requireFields(TokenRequest request, Set<String> required) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("email", request.email());
        credentials.put("password", request.password());
        credentials.put("refresh_token", request.refreshToken());
        credentials.put("client_id", request.clientId());
        credentials.put("client_secret", request.clientSecret());
        String grant = request.grantType().wire();
        List<FieldViolation> violations = new ArrayList<>();
        credentials.forEach((field, value) -> {
            if (required.contains(field) && (value == null || value.isBlank())) {
                violations.add(new FieldViolation(field, "is required for grant_type " + grant));
            } else if (!required.contains(field) && value != null) {
                violations.add(new FieldViolation(field, "does not belong to grant_type " + grant));
            }
        });
        if (!violations.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, "The request is not valid.", violations);
        }
    }
}
