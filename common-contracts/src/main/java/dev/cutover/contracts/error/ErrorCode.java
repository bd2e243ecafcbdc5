package dev.cutover.contracts.error;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every stable {@code code} a Cutover problem response can carry, with its HTTP status and title.
 *
 * <p>Clients branch on {@link #code()}, never on {@code title} or {@code detail}. Codes are only ever
 * added, never renamed: a rename is a breaking change of the public API.
 */
public enum ErrorCode {

    VALIDATION_FAILED(400, "Validation failed"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    BAD_GATEWAY(502, "Bad gateway"),
    DEPENDENCY_UNAVAILABLE(503, "Dependency unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway timeout"),

    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    IDEMPOTENCY_KEY_IN_USE(409, "Idempotency key in use"),

    EMAIL_TAKEN(409, "Email taken"),
    INVALID_GRANT(401, "Invalid grant"),
    KYC_REQUIRED(403, "KYC required"),
    INVALID_STATE_TRANSITION(409, "Invalid state transition"),

    RAW_CARD_DATA_REJECTED(400, "Raw card data rejected"),
    PAYMENT_METHOD_UNUSABLE(422, "Payment method unusable"),
    REFUND_EXCEEDS_AMOUNT(409, "Refund exceeds amount"),
    TRANSACTION_NOT_REFUNDABLE(409, "Transaction not refundable"),

    CURRENCY_MISMATCH(422, "Currency mismatch"),
    UNBALANCED_ENTRY(422, "Unbalanced entry"),
    INSUFFICIENT_FUNDS(422, "Insufficient funds"),
    ALREADY_REVERSED(409, "Already reversed");

    /** Base of every problem {@code type} URI; the code is appended with dashes. */
    public static final String TYPE_BASE = "https://cutover.dev/problems/";

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The stable machine code, e.g. {@code insufficient_funds}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The RFC 9457 {@code type} member, e.g. {@code https://cutover.dev/problems/insufficient-funds}. */
    public URI type() {
        return URI.create(TYPE_BASE + code().replace('_', '-'));
    }

    public static Optional<ErrorCode> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
