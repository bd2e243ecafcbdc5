package dev.cutover.payments.refund;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** All refunds. */
public interface Refunds extends Repository<Refund, String> {

    Refund save(Refund refund);

    Optional<Refund> findById(String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Refund r where r.id = :id")
    Optional<Refund> lock(String id);

    /** What is promised back of a transaction: its pending and succeeded refunds. */
    @Query("select coalesce(sum(r.amount), 0) from Refund r where r.transactionId = :transactionId and r.status <> :failed")
    long reservedOf(String transactionId, RefundStatus failed);

    @Query("""
            select r from Refund r
            where (:userId is null or r.userId = :userId) and (:transactionId is null or r.transactionId = :transactionId)
            order by r.createdAt desc, r.id desc""")
    List<Refund> page(String userId, String transactionId, Limit limit);

    @Query("""
            select r from Refund r
            where (:userId is null or r.userId = :userId) and (:transactionId is null or r.transactionId = :transactionId)
              and (r.createdAt < :createdAt or (r.createdAt = :createdAt and r.id < :id))
            order by r.createdAt desc, r.id desc""")
    List<Refund> pageBefore(String userId, String transactionId, Instant createdAt, String id, Limit limit);
}
