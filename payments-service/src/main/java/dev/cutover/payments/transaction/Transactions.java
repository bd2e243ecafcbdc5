package dev.cutover.payments.transaction;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** All transactions. */
public interface Transactions extends Repository<Transaction, String> {

    Transaction save(Transaction transaction);

    Optional<Transaction> findById(String id);

    /** The transaction, locked until the end of the current database transaction. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Transaction t where t.id = :id")
    Optional<Transaction> lock(String id);

    @Query("""
            select t from Transaction t
            where (:userId is null or t.userId = :userId) and (:status is null or t.status = :status)
            order by t.createdAt desc, t.id desc""")
    List<Transaction> page(String userId, TransactionStatus status, Limit limit);

    @Query("""
            select t from Transaction t
            where (:userId is null or t.userId = :userId) and (:status is null or t.status = :status)
              and (t.createdAt < :createdAt or (t.createdAt = :createdAt and t.id < :id))
            order by t.createdAt desc, t.id desc""")
    List<Transaction> pageBefore(String userId, TransactionStatus status, Instant createdAt, String id, Limit limit);
}
