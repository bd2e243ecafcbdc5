package dev.cutover.identity.kyc;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** The submitted KYC records. */
interface KycRecords extends Repository<KycRecord, String> {

    KycRecord save(KycRecord record);

    Optional<KycRecord> findById(String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from KycRecord r where r.id = :id")
    Optional<KycRecord> lockById(String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from KycRecord r where r.userId = :userId order by r.id")
    List<KycRecord> lockAllOfUser(String userId);
}
