package dev.cutover.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The legacy monolith and the three new services as WireMock servers, with the environment that points a gateway at them. */
public final class Upstreams implements AutoCloseable {

    public final Upstream legacy = Upstream.start("legacy");
    public final Upstream payments = Upstream.start("payments");
    public final Upstream identity = Upstream.start("identity");
    public final Upstream ledger = Upstream.start("ledger");

    public Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("LEGACY_UPSTREAM", legacy.url());
        env.put("PAYMENTS_UPSTREAM", payments.url());
        env.put("IDENTITY_UPSTREAM", identity.url());
        env.put("LEDGER_UPSTREAM", ledger.url());
        return env;
    }

    public Upstream byName(String name) {
        return switch (name) {
            case "legacy" -> legacy;
            case "payments" -> payments;
            case "identity" -> identity;
            case "ledger" -> ledger;
            default -> throw new IllegalArgumentException(name);
        };
    }

    public void resetAll() {
        legacy.reset();
        payments.reset();
        identity.reset();
        ledger.reset();
    }

    public int totalReceived() {
        return legacy.received().size() + payments.received().size() + identity.received().size() + ledger.received().size();
    }

    @Override
    public void close() {
        legacy.close();
        payments.close();
        identity.close();
        ledger.close();
    }
}
