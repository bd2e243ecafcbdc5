package dev.cutover.sync;

import org.apache.kafka.connect.data.Schema;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A column's value as Debezium's PostgreSQL connector hands it over, as the text the target database casts back to
 * the column's type. Only the representations whose text differs from Postgres's own need a rule: dates and
 * timestamps without a zone arrive as numbers since the epoch; {@code timestamptz}, {@code jsonb}, {@code numeric}
 * (as strings) and every integer arrive as text Postgres reads as it is.
 */
final class ColumnValues {

    private ColumnValues() {
    }

    /** The value as text for {@code CAST(? AS type)}, or bytes for a {@code bytea}; null stays null. */
    static Object of(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof byte[]) {
            return value;
        }
        String logical = schema == null ? null : schema.name();
        if (logical != null) {
            switch (logical) {
                case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> {
                    return value instanceof java.util.Date date
                            ? date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString()
                            : LocalDate.ofEpochDay(((Number) value).longValue()).toString();
                }
                case "io.debezium.time.MicroTimestamp" -> {
                    long micros = ((Number) value).longValue();
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC).toString();
                }
                case "io.debezium.time.Timestamp" -> {
                    return LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC).toString();
                }
                case "io.debezium.time.MicroTime" -> {
                    return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000).toString();
                }
                default -> {
                    // ZonedTimestamp, Json, Uuid and the rest are already Postgres's text
                }
            }
        }
        return value.toString();
    }
}
