package dev.cutover.payments.method;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.web.PageQuery;
import dev.cutover.payments.config.PaymentsProperties;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** A user's payment methods: registering cards by vault token, listing, deleting, and resolving one to pay with. */
@Service
public class Wallet {

    private final PaymentMethods methods;
    private final CardVault vault;
    private final boolean testMode;
    private final Clock clock;

    Wallet(PaymentMethods methods, Optional<CardVault> vault, PaymentsProperties properties, Clock clock) {
        this.methods = methods;
        this.testMode = properties.testMode();
        this.vault = vault.orElseGet(() -> testMode ? new TestCards() : token -> Optional.empty());
        this.clock = clock;
    }

    @Transactional
    public PaymentMethod register(String userId, String token) {
        CardVault.VaultedCard card = vault.resolve(token)
                .orElseThrow(() -> ProblemException.invalidField("token", "is not a card token the vault knows"));
        return methods.save(PaymentMethod.register(userId, card, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    @Transactional(readOnly = true)
    public Page<PaymentMethod> list(String userId, PageQuery page) {
        Limit limit = Limit.of(page.fetchSize());
        List<PaymentMethod> rows;
        if (page.startingAfter() == null) {
            rows = methods.ofUser(userId, limit);
        } else {
            PaymentMethod cursor = methods.findById(page.startingAfter())
                    .filter(m -> userId.equals(m.userId()) && !m.isDeleted())
                    .orElseThrow(() -> ProblemException.invalidField("starting_after", "is not a payment method of this list"));
            rows = methods.ofUserBefore(userId, cursor.createdAt(), cursor.id(), limit);
        }
        return Page.fromLookahead(rows, page.limit());
    }

    @Transactional
    public void delete(String userId, String id) {
        PaymentMethod method = methods.findById(id)
                .filter(m -> userId.equals(m.userId()) && !m.isDeleted())
                .orElseThrow(() -> ProblemException.notFound("payment method"));
        method.delete(clock.instant());
    }

    /** The vault token behind a payment method a transaction was opened with, deleted or not. */
    @Transactional(readOnly = true)
    public String vaultTokenOf(String paymentMethodId) {
        return Optional.ofNullable(testMode ? TestCards.SHARED_METHODS.get(paymentMethodId) : null)
                .or(() -> methods.findById(paymentMethodId))
                .map(PaymentMethod::vaultToken)
                .orElseThrow(() -> new IllegalStateException("payment method " + paymentMethodId + " vanished"));
    }

    /**
     * The method {@code userId} wants to pay with: 404 when it is not theirs (or does not exist), 422
     * {@code payment_method_unusable} when it was deleted or has expired.
     */
    @Transactional(readOnly = true)
    public PaymentMethod usableBy(String userId, String id) {
        PaymentMethod method = Optional.ofNullable(testMode ? TestCards.SHARED_METHODS.get(id) : null)
                .or(() -> methods.findById(id))
                .filter(m -> m.isVisibleTo(userId))
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such payment method.",
                        List.of(new dev.cutover.contracts.error.FieldViolation("payment_method_id", "no such payment method"))));
        if (method.isDeleted()) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNUSABLE, "This payment method was deleted.");
        }
        java.time.YearMonth expiry = java.time.YearMonth.of(method.expYear(), method.expMonth());
        if (expiry.isBefore(java.time.YearMonth.now(clock))) {
            throw new ProblemException(ErrorCode.PAYMENT_METHOD_UNUSABLE, "This payment method has expired.");
        }
        return method;
    }
}
