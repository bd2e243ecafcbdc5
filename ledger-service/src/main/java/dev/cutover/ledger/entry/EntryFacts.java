package dev.cutover.ledger.entry;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.error.FieldViolation;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.problem.RetryAfterProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The facts that stop a posting; nothing is posted when one is raised. */
final class EntryFacts {

    private EntryFacts() {
    }

    static final class UnbalancedEntry extends ProblemException {
        UnbalancedEntry(long debits, long credits) {
            super(ErrorCode.UNBALANCED_ENTRY, "The debits (" + debits + ") and credits (" + credits + ") of the entry differ.",
                    List.of(), Map.of("debits", debits, "credits", credits));
        }
    }

    static final class CurrencyMismatch extends ProblemException {
        CurrencyMismatch(List<String> currencies) {
            super(ErrorCode.CURRENCY_MISMATCH, "All accounts of an entry must share one currency; these lines span "
                    + String.join(", ", currencies) + ".");
        }
    }

    static final class InsufficientFunds extends ProblemException {
        InsufficientFunds(String accountId) {
            super(ErrorCode.INSUFFICIENT_FUNDS, "The entry would take account " + accountId
                    + " below zero, which it does not allow.", List.of(), Map.of("account_id", accountId));
        }
    }

    static final class UnknownAccount extends ProblemException {
        UnknownAccount(int line, String accountId) {
            super(ErrorCode.NOT_FOUND, "No such account: " + accountId + ".",
                    List.of(new FieldViolation("lines[" + line + "].account_id", "no such account")));
        }
    }

    static final class ReferenceReused extends ProblemException {
        ReferenceReused() {
            super(ErrorCode.IDEMPOTENCY_KEY_REUSED, "An entry with this reference was already posted with different content.");
        }
    }

    static final class AlreadyReversed extends ProblemException {
        AlreadyReversed(String entryId, String why) {
            super(ErrorCode.ALREADY_REVERSED, "Entry " + entryId + " " + why + ".");
        }
    }

    static final class PostingBacklog extends RetryAfterProblem {
        PostingBacklog(Duration retryAfter) {
            super(ErrorCode.DEPENDENCY_UNAVAILABLE, "The ledger cannot take more postings right now; retry later.", retryAfter);
        }
    }
}
