package dev.cutover.ledger.account;

import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** Opens accounts and finds them for a caller, hiding other owners' accounts behind a 404. */
@Service
public class AccountDirectory {

    private final Accounts accounts;
    private final Clock clock;

    AccountDirectory(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public Account open(AccountCreate request) {
        Account account = Account.open(request.name(), request.currency(), request.type(), request.allowsNegative(),
                request.ownerId(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        return accounts.save(account);
    }

    /** The account if this caller may see it; otherwise 404, whether it exists or not. */
    @Transactional(readOnly = true)
    public Account visibleTo(Caller caller, String id) {
        return accounts.findById(id)
                .filter(account -> caller.isPrivileged() || account.isOwnedBy(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("account"));
    }

    @Transactional(readOnly = true)
    public Page<Account> list(Caller caller, String ownerFilter, PageQuery page) {
        String owner = ownerFilter;
        if (!caller.isPrivileged()) {
            if (owner != null && !owner.equals(caller.subject())) {
                return new Page<>(java.util.List.of(), false);
            }
            owner = caller.subject();
        }
        ScrollPosition position = ScrollPosition.keyset();
        if (page.startingAfter() != null) {
            String expectedOwner = owner;
            Account cursor = accounts.findById(page.startingAfter())
                    .filter(a -> expectedOwner == null || Objects.equals(a.ownerId(), expectedOwner))
                    .orElseThrow(() -> ProblemException.invalidField("starting_after", "is not an account of this list"));
            position = ScrollPosition.forward(Map.of("createdAt", cursor.createdAt(), "id", cursor.id()));
        }
        Limit limit = Limit.of(page.limit());
        Window<Account> window = owner == null
                ? accounts.findAllByOrderByCreatedAtDescIdDesc(position, limit)
                : accounts.findByOwnerIdOrderByCreatedAtDescIdDesc(owner, position, limit);
        return new Page<>(window.getContent(), window.hasNext());
    }
}
