package dev.cutover.payments.transaction;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Stores the status as its lower-case wire value, which the schema's CHECK expects. */
@Converter
class StatusColumn implements AttributeConverter<TransactionStatus, String> {

    @Override
    public String convertToDatabaseColumn(TransactionStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public TransactionStatus convertToEntityAttribute(String value) {
        return value == null ? null : TransactionStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
