package dev.cutover.payments.config;

import dev.cutover.kit.problem.ProblemAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The payments service's problem responses; its facts are {@code ProblemException}s mapped by the shared advice. */
@RestControllerAdvice
class PaymentsProblems extends ProblemAdvice {
}
