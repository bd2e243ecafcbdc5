package dev.cutover.identity.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives identity's API over HTTP, with test data builders that default everything not under test.
 *
 * <p>Each client presents its own client address in {@code X-Forwarded-For} (a documentation address,
 * RFC 5737; the header is only read, never connected to), so throttling of one test's failed sign-ins
 * never spills into another's.
 */
public final class IdentityClient {

    public static final String OPS_CLIENT = "ops-console";
    public static final String OPS_SECRET = "test-ops-console-secret";
    public static final String SERVICE_CLIENT = "payments-service";
    public static final String SERVICE_SECRET = "test-payments-service-secret";
    public static final String ISSUER = "https://identity.cutover.test";

    private static final String[] DOCUMENTATION_NETWORKS = {"192.0.2.", "198.51.100.", "203.0.113."};
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final int port;
    private final String clientAddress;

    public IdentityClient(int port) {
        this(port, nextAddress());
    }

    public IdentityClient(int port, String clientAddress) {
        this.port = port;
        this.clientAddress = clientAddress;
    }

    public static String nextAddress() {
        int n = ADDRESSES.getAndIncrement() % (254 * DOCUMENTATION_NETWORKS.length);
        return DOCUMENTATION_NETWORKS[n / 254] + (n % 254 + 1);
    }

    public int port() {
        return port;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public RequestSpecification anonymous() {
        return RestAssured.given().port(port).header("X-Forwarded-For", clientAddress).contentType(ContentType.JSON);
    }

    public RequestSpecification as(String accessToken) {
        return anonymous().auth().oauth2(accessToken);
    }

    public Response signUp(UserSpec user) {
        return anonymous().body(user.body()).post("/api/v1/users");
    }

    /** Signs a new user up and signs them in. */
    public SignedUp newUser() {
        return newUser(user());
    }

    public SignedUp newUser(UserSpec user) {
        String id = signUp(user).then().statusCode(201).extract().path("id");
        Response token = passwordGrant(user.email(), user.password());
        token.then().statusCode(200);
        return new SignedUp(id, user.email(), user.password(), token.path("access_token"), token.path("refresh_token"));
    }

    public Response passwordGrant(String email, String password) {
        return token(Map.of("grant_type", "password", "email", email, "password", password));
    }

    public Response refreshGrant(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public Response clientGrant(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    public Response token(Map<String, ?> body) {
        return anonymous().body(body).post("/api/v1/auth/token");
    }

    /** A fresh ops token (not cached: key rotation tests retire keys). */
    public String opsToken() {
        return clientGrant(OPS_CLIENT, OPS_SECRET).then().statusCode(200).extract().path("access_token");
    }

    public String serviceToken() {
        return clientGrant(SERVICE_CLIENT, SERVICE_SECRET).then().statusCode(200).extract().path("access_token");
    }

    public RequestSpecification asOps() {
        return as(opsToken());
    }

    public RequestSpecification asService() {
        return as(serviceToken());
    }

    public Response submitKyc(String accessToken, KycSpec kyc) {
        return as(accessToken).body(kyc.body()).post("/api/v1/kyc-records");
    }

    /** Submits a KYC record and returns its id. */
    public String kycRecord(String accessToken, KycSpec kyc) {
        return submitKyc(accessToken, kyc).then().statusCode(201).extract().path("id");
    }

    public Response requestVerification(String accessToken, String kycRecordId) {
        return as(accessToken).body(Map.of("kyc_record_id", kycRecordId)).post("/api/v1/verifications");
    }

    /** Requests a verification and returns its id. */
    public String verification(String accessToken, String kycRecordId) {
        return requestVerification(accessToken, kycRecordId).then().statusCode(201).extract().path("id");
    }

    public Response decide(String opsToken, String verificationId, String decision, String reason) {
        return as(opsToken).body(Map.of("decision", decision, "reason", reason))
                .post("/api/v1/verifications/{id}/decision", verificationId);
    }

    public String kycStatus(String userId) {
        return asService().get("/internal/v1/users/{id}/kyc-status", userId).then().statusCode(200).extract().path("kyc_status");
    }

    public static UserSpec user() {
        return new UserSpec();
    }

    public static KycSpec kyc() {
        return new KycSpec();
    }

    /** A signed-up and signed-in user. */
    public record SignedUp(String id, String email, String password, String accessToken, String refreshToken) {
    }

    /** A sign-up: by default a unique email, a valid password, a distinctive name, GB, born 1990-04-12. */
    public static final class UserSpec {
        private final Map<String, Object> body = new LinkedHashMap<>();

        UserSpec() {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            body.put("email", "user-" + unique + "@example.com");
            body.put("password", "pw-" + UUID.randomUUID());
            body.put("full_name", "Ada Zylberstein-" + unique);
            body.put("country", "GB");
            body.put("date_of_birth", "1990-04-12");
        }

        public UserSpec email(String email) {
            body.put("email", email);
            return this;
        }

        public UserSpec password(String password) {
            body.put("password", password);
            return this;
        }

        public UserSpec fullName(String fullName) {
            body.put("full_name", fullName);
            return this;
        }

        public UserSpec country(String country) {
            body.put("country", country);
            return this;
        }

        public UserSpec dateOfBirth(String dateOfBirth) {
            body.put("date_of_birth", dateOfBirth);
            return this;
        }

        public UserSpec dateOfBirth(LocalDate dateOfBirth) {
            return dateOfBirth(dateOfBirth.toString());
        }

        public UserSpec without(String field) {
            body.remove(field);
            return this;
        }

        public UserSpec with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public String email() {
            return (String) body.get("email");
        }

        public String password() {
            return (String) body.get("password");
        }

        public String fullName() {
            return (String) body.get("full_name");
        }

        public String dateOfBirth() {
            return (String) body.get("date_of_birth");
        }

        public Map<String, Object> body() {
            return body;
        }
    }

    /** A KYC document: by default a passport from GB with a distinctive number, valid for five more years. */
    public static final class KycSpec {
        private final Map<String, Object> body = new LinkedHashMap<>();

        KycSpec() {
            body.put("document_type", "passport");
            body.put("document_number", "ZQ" + (100_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 900_000_000L)));
            body.put("issuing_country", "GB");
            body.put("expires_on", LocalDate.now().plusYears(5).toString());
        }

        public KycSpec documentType(String type) {
            body.put("document_type", type);
            return this;
        }

        public KycSpec documentNumber(String number) {
            body.put("document_number", number);
            return this;
        }

        public KycSpec issuingCountry(String country) {
            body.put("issuing_country", country);
            return this;
        }

        public KycSpec expiresOn(String date) {
            body.put("expires_on", date);
            return this;
        }

        public KycSpec expiresOn(LocalDate date) {
            return expiresOn(date.toString());
        }

        public KycSpec without(String field) {
            body.remove(field);
            return this;
        }

        public KycSpec with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public String documentNumber() {
            return (String) body.get("document_number");
        }

        public Map<String, Object> body() {
            return body;
        }
    }
}
