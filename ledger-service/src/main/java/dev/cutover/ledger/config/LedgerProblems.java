package dev.cutover.ledger.config;

import dev.cutover.kit.problem.ProblemAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ledger's problem responses: all of its facts are {@code ProblemException}s, mapped by the shared advice. */
@RestControllerAdvice
class LedgerProblems extends ProblemAdvice {
}
