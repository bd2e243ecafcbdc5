package dev.cutover.ledger.account;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the ledger's enums as their lower-case wire values, which the schema's CHECK constraints expect. */
public final class Columns {

    private Columns() {
    }

    @Converter
    public static final class SideColumn implements AttributeConverter<Side, String> {
        @Override
        public String convertToDatabaseColumn(Side side) {
            return side == null ? null : side.wire();
        }

        @Override
        public Side convertToEntityAttribute(String value) {
            return value == null ? null : Side.fromWire(value);
        }
    }

    @Converter
    public static final class AccountTypeColumn implements AttributeConverter<AccountType, String> {
        @Override
        public String convertToDatabaseColumn(AccountType type) {
            return type == null ? null : type.wire();
        }

        @Override
        public AccountType convertToEntityAttribute(String value) {
            return value == null ? null : AccountType.fromWire(value);
        }
    }
}
