package dev.cutover.kit.validation;

import dev.cutover.contracts.MetadataRules;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Map;

/** Checks {@link ValidMetadata}. */
public final class MetadataValidator implements ConstraintValidator<ValidMetadata, Map<String, String>> {

    @Override
    public boolean isValid(Map<String, String> metadata, ConstraintValidatorContext context) {
        if (metadata == null) {
            return true;
        }
        if (metadata.size() > MetadataRules.MAX_KEYS) {
            return false;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key == null || key.isEmpty() || key.length() > MetadataRules.MAX_KEY_LENGTH) {
                return false;
            }
            if (!(value instanceof String text) || text.length() > MetadataRules.MAX_VALUE_LENGTH) {
                return false;
            }
        }
        return true;
    }
}
