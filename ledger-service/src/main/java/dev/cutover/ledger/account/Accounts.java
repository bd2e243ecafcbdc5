package dev.cutover.ledger.account;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The ledger's accounts. */
public interface Accounts extends Repository<Account, String> {

    Account save(Account account);

    Optional<Account> findById(String id);

    /**
     * Locks the accounts for update, always in id order, so concurrent postings touching the same
     * accounts queue up instead of deadlocking.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id in :ids order by a.id")
    List<Account> lockInIdOrder(Collection<String> ids);

    Window<Account> findAllByOrderByCreatedAtDescIdDesc(ScrollPosition position, Limit limit);

    Window<Account> findByOwnerIdOrderByCreatedAtDescIdDesc(String ownerId, ScrollPosition position, Limit limit);
}
