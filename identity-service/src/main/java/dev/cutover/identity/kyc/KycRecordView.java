package dev.cutover.identity.kyc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/** A KYC record as the API shows it: the document number only masked, and {@code null} once erased. */
@ApiResource
@Schema(name = "KycRecord")
record KycRecordView(
        String id,
        String userId,
        DocumentType documentType,
        @Nullable String documentNumberMasked,
        @JsonProperty("issuing_country") String issuingCountry,
        LocalDate expiresOn,
        KycRecordStatus status,
        Instant createdAt) {

    static KycRecordView of(KycRecord record) {
        return new KycRecordView(record.id(), record.userId(), record.documentType(), record.documentNumberMasked(),
                record.issuingCountry(), record.expiresOn(), record.status(), record.createdAt());
    }
}
