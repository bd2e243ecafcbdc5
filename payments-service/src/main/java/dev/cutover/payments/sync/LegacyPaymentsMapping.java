package dev.cutover.payments.sync;

import dev.cutover.sync.LegacySync;
import dev.cutover.sync.Reconciliation;
import dev.cutover.sync.TableMapping;

import java.util.List;

/**
 * The one place that knows the legacy monolith's payments tables: which of them hold this service's payment methods,
 * transactions and refunds, and under which column names. A monolith whose tables differ changes only this class.
 * Parents come before children (a refund names its transaction).
 */
final class LegacyPaymentsMapping {

    static final List<TableMapping> FROM_LEGACY = List.of(
            TableMapping.sameColumns("public.payments_payment_method", "payments.payment_methods", "id", List.of(
                    "id", "user_id", "type", "brand", "last4", "exp_month", "exp_year", "vault_token", "created_at",
                    "deleted_at")),
            TableMapping.sameColumns("public.payments_transaction", "payments.transactions", "id", List.of(
                    "id", "user_id", "amount", "currency", "payment_method_id", "description", "metadata", "status",
                    "failure_code", "amount_refunded", "created_at", "updated_at")),
            TableMapping.sameColumns("public.payments_refund", "payments.refunds", "id", List.of(
                    "id", "transaction_id", "user_id", "amount", "currency", "status", "reason", "failure_code",
                    "created_at", "updated_at")));

    static final List<TableMapping> TO_LEGACY = FROM_LEGACY.stream().map(TableMapping::reversed).toList();

    /** The watermarks each stream carries (Django migration 0004, Flyway V3). */
    static final String LEGACY_FENCES = "public.payments_sync_fence";
    static final String OWN_FENCES = "payments.sync_fences";

    static final LegacySync.Domain DOMAIN = new LegacySync.Domain("payments", "payments", FROM_LEGACY, TO_LEGACY,
            LEGACY_FENCES, OWN_FENCES, FROM_LEGACY.stream().map(Reconciliation.Compared::of).toList());

    private LegacyPaymentsMapping() {
    }
}
