package dev.cutover.payments.method;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users' stored payment methods (the shared test methods are not stored). */
public interface PaymentMethods extends Repository<PaymentMethod, String> {

    PaymentMethod save(PaymentMethod method);

    Optional<PaymentMethod> findById(String id);

    @Query("""
            select m from PaymentMethod m where m.userId = :userId and m.deletedAt is null
            order by m.createdAt desc, m.id desc""")
    List<PaymentMethod> ofUser(String userId, Limit limit);

    @Query("""
            select m from PaymentMethod m where m.userId = :userId and m.deletedAt is null
              and (m.createdAt < :createdAt or (m.createdAt = :createdAt and m.id < :id))
            order by m.createdAt desc, m.id desc""")
    List<PaymentMethod> ofUserBefore(String userId, Instant createdAt, String id, Limit limit);
}
