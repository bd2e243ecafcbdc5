package dev.cutover.kit.persistence;

import dev.cutover.kit.json.StrictJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * Stores a {@code metadata} object as JSON in a {@code jsonb} column (map the column with
 * {@code @ColumnTransformer(write = "?::jsonb")}); keys are written sorted.
 */
@Converter
public class MetadataColumn implements AttributeConverter<Map<String, String>, String> {

    private static final JsonMapper MAPPER = StrictJson.mapper();
    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> metadata) {
        return MAPPER.writeValueAsString(metadata == null ? Map.of() : new TreeMap<>(metadata));
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        return json == null ? Map.of() : MAPPER.readValue(json, TYPE);
    }
}
