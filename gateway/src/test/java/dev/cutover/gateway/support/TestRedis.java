package dev.cutover.gateway.support;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Redis the tests share: {@code TEST_REDIS_URL}, else the local one on {@code 127.0.0.1:6379}. Each test
 * class works under its own key prefix and deletes its keys afterwards, so runs never see each other's state.
 */
public final class TestRedis {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private TestRedis() {
    }

    public static String url() {
        String url = System.getenv("TEST_REDIS_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    public static String newPrefix() {
        return "cutover-test:" + UUID.randomUUID() + ":";
    }

    public static List<String> keys(String prefix) {
        return withRedis(redis -> {
            List<String> found = new java.util.ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                found.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            return found;
        });
    }

    public static void deleteKeys(String prefix) {
        List<String> keys = keys(prefix);
        if (!keys.isEmpty()) {
            withRedis(redis -> redis.del(keys.toArray(String[]::new)));
        }
    }

    public static <T> T withRedis(Function<RedisCommands<String, String>, T> work) {
        RedisClient client = RedisClient.create(url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
