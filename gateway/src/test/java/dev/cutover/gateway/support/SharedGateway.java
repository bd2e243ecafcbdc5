package dev.cutover.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One gateway (no Redis) that read-only test classes share, so the suite starts as few gateways as it can:
 * payments at weight 100, identity at 50, ledger at 0. Tests must not change its weights.
 */
public final class SharedGateway {

    public static final int PAYMENTS_WEIGHT = 100;
    public static final int IDENTITY_WEIGHT = 50;
    public static final int LEDGER_WEIGHT = 0;

    private static Upstreams upstreams;
    private static GatewayInstance gateway;

    private SharedGateway() {
    }

    public static synchronized Upstreams upstreams() {
        start();
        return upstreams;
    }

    public static synchronized GatewayInstance gateway() {
        start();
        return gateway;
    }

    private static void start() {
        if (gateway != null) {
            return;
        }
        upstreams = new Upstreams();
        Map<String, Object> settings = new LinkedHashMap<>(upstreams.environment());
        settings.put("TRAFFIC_SPLIT_PAYMENTS", PAYMENTS_WEIGHT);
        settings.put("TRAFFIC_SPLIT_IDENTITY", IDENTITY_WEIGHT);
        settings.put("TRAFFIC_SPLIT_LEDGER", LEDGER_WEIGHT);
        gateway = GatewayInstance.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            upstreams.close();
        }, "shared-gateway-stop"));
    }
}
