package dev.cutover.identity.crypto;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordEncoderTest {

    /** Counts how many hashes run at the same moment; each takes a few milliseconds. */
    private static final class SlowEncoder implements PasswordEncoder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return work("hash:" + raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return work(encoded).equals("hash:" + raw);
        }

        private String work(String result) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(3);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return result;
        }
    }

    @Test
    void neverMoreHashesAtOnceThanPermitsAndEveryCallerIsServed() throws Exception {
        SlowEncoder slow = new SlowEncoder();
        PasswordEncoder bounded = new BoundedPasswordEncoder(slow, 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                String password = "password-" + i;
                results.add(callers.submit(() -> {
                    start.await();
                    String hash = bounded.encode(password);
                    return bounded.matches(password, hash) && !bounded.matches("other", hash);
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(slow.mostAtOnce.get()).isEqualTo(2);
        assertThat(slow.running.get()).isZero();
    }

    @Test
    void aPermitIsGivenBackWhenTheHashFails() {
        PasswordEncoder failing = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                throw new IllegalArgumentException("broken");
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return true;
            }
        };
        PasswordEncoder bounded = new BoundedPasswordEncoder(failing, 1);

        assertThatThrownBy(() -> bounded.encode("x")).hasMessage("broken");
        assertThatThrownBy(() -> bounded.encode("x")).hasMessage("broken");
        assertThat(bounded.matches("x", "y")).isTrue();
    }

    @Test
    void atLeastOnePermit() {
        assertThatThrownBy(() -> new BoundedPasswordEncoder(new SlowEncoder(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
