package dev.cutover.identity.verification;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Optional;

/** The verifications asked for and decided. */
interface Verifications extends Repository<Verification, String> {

    Verification save(Verification verification);

    Optional<Verification> findById(String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select v from Verification v where v.id = :id")
    Optional<Verification> lockById(String id);
}
