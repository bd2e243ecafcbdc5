package dev.cutover.ledger.account;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.Repository;

import java.util.Optional;

/** The ledger's accounts. */
public interface Accounts extends Repository<Account, String> {

    Account save(Account account);

    Optional<Account> findById(String id);

    Window<Account> findAllByOrderByCreatedAtDescIdDesc(ScrollPosition position, Limit limit);

    Window<Account> findByOwnerIdOrderByCreatedAtDescIdDesc(String ownerId, ScrollPosition position, Limit limit);
}
