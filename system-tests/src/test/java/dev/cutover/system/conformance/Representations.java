package dev.cutover.system.conformance;

import dev.cutover.contracts.id.IdPrefix;

import java.util.List;
import java.util.Map;

import static dev.cutover.system.conformance.Expect.date;
import static dev.cutover.system.conformance.Expect.id;
import static dev.cutover.system.conformance.Expect.integer;
import static dev.cutover.system.conformance.Expect.nullableString;
import static dev.cutover.system.conformance.Expect.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The representations of the contract (cutover-api-v1.yaml, components/schemas): exactly their keys, the prefixes of
 * their ids, the formats of their times and dates, integer money, the enumerations. Each check returns its input.
 */
final class Representations {

    private Representations() {
    }

    static Map<String, Object> user(Map<String, Object> user) {
        assertThat(user).containsOnlyKeys("id", "email", "full_name", "country", "kyc_status", "created_at");
        id(user.get("id"), IdPrefix.USER);
        assertThat(user.get("email")).isInstanceOf(String.class);
        nullableString(user.get("full_name"));
        assertThat(user.get("country")).isInstanceOf(String.class);
        assertThat(user.get("kyc_status")).isIn("unverified", "pending", "verified", "rejected");
        timestamp(user.get("created_at"));
        return user;
    }

    static Map<String, Object> token(Map<String, Object> token, boolean withRefreshToken) {
        if (withRefreshToken) {
            assertThat(token).containsOnlyKeys("access_token", "token_type", "expires_in", "refresh_token", "scope");
            assertThat(token.get("refresh_token")).isInstanceOf(String.class);
        } else {
            assertThat(token).containsOnlyKeys("access_token", "token_type", "expires_in", "scope");
        }
        assertThat(token.get("access_token")).isInstanceOf(String.class);
        assertThat(token.get("token_type")).isEqualTo("Bearer");
        assertThat(integer(token.get("expires_in"))).isEqualTo(900);
        assertThat(token.get("scope")).isInstanceOf(String.class);
        return token;
    }

    static Map<String, Object> kycRecord(Map<String, Object> record) {
        assertThat(record).containsOnlyKeys("id", "user_id", "document_type", "document_number_masked", "issuing_country",
                "expires_on", "status", "created_at");
        id(record.get("id"), IdPrefix.KYC_RECORD);
        id(record.get("user_id"), IdPrefix.USER);
        assertThat(record.get("document_type")).isIn("passport", "national_id", "driving_licence");
        nullableString(record.get("document_number_masked"));
        assertThat(record.get("issuing_country")).isInstanceOf(String.class);
        date(record.get("expires_on"));
        assertThat(record.get("status")).isIn("submitted", "pending", "verified", "rejected");
        timestamp(record.get("created_at"));
        return record;
    }

    static Map<String, Object> verification(Map<String, Object> verification) {
        assertThat(verification).containsOnlyKeys("id", "kyc_record_id", "user_id", "status", "created_at", "decided_at", "reason");
        id(verification.get("id"), IdPrefix.VERIFICATION);
        id(verification.get("kyc_record_id"), IdPrefix.KYC_RECORD);
        id(verification.get("user_id"), IdPrefix.USER);
        assertThat(verification.get("status")).isIn("pending", "approved", "rejected");
        timestamp(verification.get("created_at"));
        if (verification.get("decided_at") != null) {
            timestamp(verification.get("decided_at"));
        }
        nullableString(verification.get("reason"));
        return verification;
    }

    static Map<String, Object> kycStatus(Map<String, Object> status) {
        assertThat(status).containsOnlyKeys("user_id", "kyc_status");
        id(status.get("user_id"), IdPrefix.USER);
        assertThat(status.get("kyc_status")).isIn("unverified", "pending", "verified", "rejected");
        return status;
    }

    static Map<String, Object> paymentMethod(Map<String, Object> method) {
        assertThat(method).containsOnlyKeys("id", "type", "brand", "last4", "exp_month", "exp_year", "created_at");
        id(method.get("id"), IdPrefix.PAYMENT_METHOD);
        assertThat(method.get("type")).isEqualTo("card");
        assertThat(method.get("brand")).isInstanceOf(String.class);
        assertThat((String) method.get("last4")).matches("\\d{4}");
        assertThat(integer(method.get("exp_month"))).isBetween(1L, 12L);
        assertThat(integer(method.get("exp_year"))).isBetween(1000L, 9999L);
        timestamp(method.get("created_at"));
        return method;
    }

    static Map<String, Object> transaction(Map<String, Object> transaction) {
        assertThat(transaction).containsOnlyKeys("id", "status", "amount", "currency", "amount_refunded", "payment_method_id",
                "user_id", "description", "metadata", "failure_code", "created_at", "updated_at");
        id(transaction.get("id"), IdPrefix.TRANSACTION);
        assertThat(transaction.get("status")).isIn("pending", "succeeded", "failed");
        assertThat(integer(transaction.get("amount"))).isPositive();
        currency(transaction.get("currency"));
        assertThat(integer(transaction.get("amount_refunded"))).isNotNegative();
        id(transaction.get("payment_method_id"), IdPrefix.PAYMENT_METHOD);
        id(transaction.get("user_id"), IdPrefix.USER);
        nullableString(transaction.get("description"));
        metadata(transaction.get("metadata"));
        nullableString(transaction.get("failure_code"));
        assertThat(timestamp(transaction.get("updated_at"))).isAfterOrEqualTo(timestamp(transaction.get("created_at")));
        return transaction;
    }

    static Map<String, Object> refund(Map<String, Object> refund) {
        assertThat(refund).containsOnlyKeys("id", "transaction_id", "amount", "currency", "status", "reason", "created_at");
        id(refund.get("id"), IdPrefix.REFUND);
        id(refund.get("transaction_id"), IdPrefix.TRANSACTION);
        assertThat(integer(refund.get("amount"))).isPositive();
        currency(refund.get("currency"));
        assertThat(refund.get("status")).isIn("pending", "succeeded", "failed");
        nullableString(refund.get("reason"));
        timestamp(refund.get("created_at"));
        return refund;
    }

    static Map<String, Object> account(Map<String, Object> account) {
        assertThat(account).containsOnlyKeys("id", "name", "currency", "type", "normal_balance", "allow_negative", "owner_id",
                "created_at");
        id(account.get("id"), IdPrefix.ACCOUNT);
        assertThat(account.get("name")).isInstanceOf(String.class);
        currency(account.get("currency"));
        assertThat(account.get("type")).isIn("asset", "liability", "equity", "revenue", "expense");
        assertThat(account.get("normal_balance")).isIn("debit", "credit");
        assertThat(account.get("allow_negative")).isInstanceOf(Boolean.class);
        nullableString(account.get("owner_id"));
        timestamp(account.get("created_at"));
        return account;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(Map<String, Object> entry) {
        assertThat(entry).containsOnlyKeys("id", "reference", "currency", "lines", "description", "metadata", "posted_at",
                "reversal_of");
        id(entry.get("id"), IdPrefix.JOURNAL_ENTRY);
        assertThat(entry.get("reference")).isInstanceOf(String.class);
        currency(entry.get("currency"));
        assertThat(entry.get("lines")).isInstanceOf(List.class);
        for (Map<String, Object> line : (List<Map<String, Object>>) entry.get("lines")) {
            assertThat(line).containsOnlyKeys("account_id", "direction", "amount");
            id(line.get("account_id"), IdPrefix.ACCOUNT);
            assertThat(line.get("direction")).isIn("debit", "credit");
            assertThat(integer(line.get("amount"))).isPositive();
        }
        nullableString(entry.get("description"));
        metadata(entry.get("metadata"));
        timestamp(entry.get("posted_at"));
        if (entry.get("reversal_of") != null) {
            id(entry.get("reversal_of"), IdPrefix.JOURNAL_ENTRY);
        }
        return entry;
    }

    static Map<String, Object> balance(Map<String, Object> balance) {
        assertThat(balance).containsOnlyKeys("account_id", "currency", "balance", "debits", "credits", "as_of");
        id(balance.get("account_id"), IdPrefix.ACCOUNT);
        currency(balance.get("currency"));
        integer(balance.get("balance"));
        assertThat(integer(balance.get("debits"))).isNotNegative();
        assertThat(integer(balance.get("credits"))).isNotNegative();
        timestamp(balance.get("as_of"));
        return balance;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> integrity(Map<String, Object> report) {
        assertThat(report).containsOnlyKeys("ok", "currencies", "mismatches");
        assertThat(report.get("ok")).isInstanceOf(Boolean.class);
        assertThat(report.get("currencies")).isInstanceOf(Map.class);
        ((Map<String, Object>) report.get("currencies")).forEach((code, totals) -> {
            currency(code);
            assertThat((Map<String, Object>) totals).containsOnlyKeys("debits", "credits", "balanced");
            integer(((Map<String, Object>) totals).get("debits"));
            integer(((Map<String, Object>) totals).get("credits"));
            assertThat(((Map<String, Object>) totals).get("balanced")).isInstanceOf(Boolean.class);
        });
        assertThat(report.get("mismatches")).isInstanceOf(List.class);
        return report;
    }

    /** A page {@code {"data": [...], "has_more": bool}}; returns its items, each checked by {@code item}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> page(Map<String, Object> page, java.util.function.UnaryOperator<Map<String, Object>> item) {
        assertThat(page).containsOnlyKeys("data", "has_more");
        assertThat(page.get("has_more")).isInstanceOf(Boolean.class);
        assertThat(page.get("data")).isInstanceOf(List.class);
        List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
        data.forEach(item::apply);
        return data;
    }

    static boolean hasMore(Map<String, Object> page) {
        return (Boolean) page.get("has_more");
    }

    static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> (String) item.get("id")).toList();
    }

    private static void currency(Object value) {
        assertThat(value).isIn("USD", "EUR", "GBP", "CHF", "JPY", "KWD");
    }

    @SuppressWarnings("unchecked")
    private static void metadata(Object value) {
        assertThat(value).as("metadata is an object, {} when none was given").isInstanceOf(Map.class);
        ((Map<String, Object>) value).values().forEach(v -> assertThat(v).isInstanceOf(String.class));
    }
}
