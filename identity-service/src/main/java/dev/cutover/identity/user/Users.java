package dev.cutover.identity.user;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Identity's users. */
interface Users extends Repository<User, String> {

    /** Inserts at once, so a second account for the same address fails here rather than at commit. */
    User saveAndFlush(User user);

    Optional<User> findById(String id);

    /** The user of this address in any case; served by the unique index on {@code lower(email)}. */
    @Query("select u from User u where lower(u.email) = lower(:email)")
    Optional<User> findByEmail(String email);

    /** Locks the user, so concurrent KYC transitions and erasures of one user queue up. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from User u where u.id = :id")
    Optional<User> lockById(String id);

    @Transactional
    @Modifying
    @Query("update User u set u.passwordHash = :hash where u.id = :id and u.passwordHash = :previous")
    int replacePasswordHash(String id, String previous, String hash);
}
