package dev.cutover.ledger.balance;

import dev.cutover.contracts.ApiContract;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import dev.cutover.ledger.account.Account;
import dev.cutover.ledger.account.AccountDirectory;
import dev.cutover.ledger.entry.Journal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

@RestController
@Tag(name = ApiContract.LEDGER)
class BalanceController {

    private final AccountDirectory directory;
    private final Journal journal;
    private final Clock clock;

    BalanceController(AccountDirectory directory, Journal journal, Clock clock) {
        this.directory = directory;
        this.journal = journal;
        this.clock = clock;
    }

    @GetMapping("/api/v1/balances/{account_id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "getBalance", summary = "Get an account's balance")
    @ErrorResponses({400, 401, 403, 404})
    BalanceView balance(Caller caller, @PathVariable("account_id") String accountId,
            @Parameter(schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "as_of", required = false) String asOf) {
        Instant at = asOf == null ? null : parseInstant(asOf);
        Account account = directory.visibleTo(caller, accountId);
        if (at == null) {
            // The running totals are the fold of every committed entry; the integrity check proves it.
            return new BalanceView(account.id(), account.currency(), account.balance(), account.debits(), account.credits(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }
        Journal.Totals totals = journal.totalsUntil(account.id(), at);
        return new BalanceView(account.id(), account.currency(), account.signedBalance(totals.debits(), totals.credits()),
                totals.debits(), totals.credits(), at);
    }

    private static Instant parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException invalid) {
            throw ProblemException.invalidField("as_of", "must be an RFC 3339 timestamp, e.g. 2026-11-25T08:30:00.000Z");
        }
    }
}
