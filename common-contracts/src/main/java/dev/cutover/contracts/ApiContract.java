package dev.cutover.contracts;

/**
 * Where the OpenAPI description of public API v1 lives, and how its operations are assigned to services.
 * Every operation carries exactly one tag: the service that owns it.
 */
public final class ApiContract {

    /** Classpath location of the whole public API v1 (OpenAPI 3.1, YAML). */
    public static final String RESOURCE = "contracts/openapi/cutover-api-v1.yaml";

    public static final String IDENTITY = "identity";
    public static final String PAYMENTS = "payments";
    public static final String LEDGER = "ledger";

    private ApiContract() {
    }
}
