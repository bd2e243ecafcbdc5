package dev.cutover.gateway.routing;

/** The two sides of the migration; {@link #value()} is what {@code X-Upstream} and the metrics say. */
public enum Side {

    LEGACY("legacy"),
    NEW("new");

    private final String value;

    Side(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
