package dev.cutover.gateway.redis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The gateway's Lua scripts, read once from {@code META-INF/scripts}. A script built on a resource instead
 * asks the file system whether the file changed on every call — a system call on every rate-limited request.
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    /** The script {@code name} (e.g. {@code token_bucket.lua}), replying with a list. */
    @SuppressWarnings("rawtypes")
    public static RedisScript<List> listReplying(String name) {
        try {
            String source = new ClassPathResource("META-INF/scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
            return RedisScript.of(source, List.class);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Lua script " + name + " is missing from the classpath", unreadable);
        }
    }
}
