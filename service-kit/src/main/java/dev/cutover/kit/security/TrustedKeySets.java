package dev.cutover.kit.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The keys a service verifies tokens with: identity's and, while callers move between the sides, the legacy
 * monolith's (ADR 61). Each side signs with its own key pair and publishes its own JWKS; a token's {@code kid}
 * picks the key in whichever set holds it, so a token from either side is accepted and no private key is shared.
 *
 * <p>A remote set is kept {@value #CACHE_MINUTES} minutes, fetched again for a {@code kid} it does not know at most
 * once a second, and kept through an outage of its side (a set that cannot be fetched keeps its last keys).
 */
public final class TrustedKeySets implements JWKSource<SecurityContext> {

    static final long CACHE_MINUTES = 5;
    private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofSeconds(1);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KEEP_THROUGH_OUTAGE = Duration.ofHours(1);

    private final List<JWKSource<SecurityContext>> sets;

    public TrustedKeySets(List<JWKSource<SecurityContext>> sets) {
        this.sets = List.copyOf(sets);
    }

    /** The sets at these URIs, blank ones left out, in this order. */
    public static TrustedKeySets at(String... uris) {
        return new TrustedKeySets(java.util.Arrays.stream(uris).filter(uri -> uri != null && !uri.isBlank())
                .map(TrustedKeySets::remote).toList());
    }

    /** A remote JWKS, cached, rate-limited for unknown kids and tolerant of its side's outages. */
    public static JWKSource<SecurityContext> remote(String uri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(uri.trim()).toURL())
                    .cache(Duration.ofMinutes(CACHE_MINUTES).toMillis(), FETCH_TIMEOUT.toMillis())
                    .rateLimited(REFETCH_AT_MOST_EVERY.toMillis())
                    .outageTolerant(KEEP_THROUGH_OUTAGE.toMillis())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException notAUrl) {
            throw new IllegalStateException("not a JWKS URL: " + uri, notAUrl);
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        KeySourceException unavailable = null;
        for (JWKSource<SecurityContext> set : sets) {
            try {
                List<JWK> found = set.get(selector, context);
                if (!found.isEmpty()) {
                    return found;
                }
            } catch (KeySourceException failure) {
                unavailable = failure; // another set may still hold the key
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return List.of();
    }
}
