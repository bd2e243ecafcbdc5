package dev.cutover.kit.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldNamesTest {

    @Test
    void javaPathsBecomeWireNames() {
        assertThat(FieldNames.toJson("lines[0].accountId")).isEqualTo("lines[0].account_id");
        assertThat(FieldNames.toJson("allowNegative")).isEqualTo("allow_negative");
        assertThat(FieldNames.toJson("amount")).isEqualTo("amount");
        assertThat(FieldNames.lastNode("create.request.ownerId")).isEqualTo("owner_id");
    }
}
