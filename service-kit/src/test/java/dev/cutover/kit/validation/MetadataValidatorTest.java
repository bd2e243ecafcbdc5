package dev.cutover.kit.validation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataValidatorTest {

    private final MetadataValidator validator = new MetadataValidator();

    @Property
    void metadataWithinTheBoundsIsValid(@ForAll @Size(max = 20) Map<@StringLength(min = 1, max = 40) String, @StringLength(max = 500) String> metadata) {
        assertThat(validator.isValid(metadata, null)).isTrue();
    }

    @Test
    void twentyOneKeysAreTooMany() {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            metadata.put("k" + i, "v");
        }
        assertThat(validator.isValid(metadata, null)).isFalse();
    }

    @Test
    void overlongKeysOrValuesAndEmptyKeysAreInvalid() {
        assertThat(validator.isValid(Map.of("k".repeat(41), "v"), null)).isFalse();
        assertThat(validator.isValid(Map.of("k", "v".repeat(501)), null)).isFalse();
        assertThat(validator.isValid(Map.of("", "v"), null)).isFalse();
        assertThat(validator.isValid(null, null)).isTrue();
    }
}
