package dev.cutover.gateway.redis;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaScriptsTest {

    @Test
    void aScriptIsReadOnceAndKeptAsText() {
        var script = LuaScripts.listReplying("token_bucket.lua");

        assertThat(script.getScriptAsString()).contains("redis.call");
        assertThat(script.getSha1()).hasSize(40).isEqualTo(LuaScripts.listReplying("token_bucket.lua").getSha1());
        assertThat(script.getResultType()).isEqualTo(java.util.List.class);
    }

    @Test
    void aMissingScriptFailsAtStartNotOnARequest() {
        assertThatThrownBy(() -> LuaScripts.listReplying("no_such_script.lua"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no_such_script.lua");
    }
}
