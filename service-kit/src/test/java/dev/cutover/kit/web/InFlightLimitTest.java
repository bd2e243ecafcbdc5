package dev.cutover.kit.web;

import dev.cutover.kit.json.StrictJson;
import dev.cutover.testsupport.Concurrently;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class InFlightLimitTest {

    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger served = new AtomicInteger();

    final FilterChain held = (request, response) -> {
        served.incrementAndGet();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ((MockHttpServletResponse) response).setStatus(200);
    };

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void pastTheLimitARequestIsAnswered503WithRetryAfterAndNeverServed() throws Exception {
        InFlightLimit limit = new InFlightLimit(2, StrictJson.mapper());
        List<Future<MockHttpServletResponse>> admitted = List.of(
                threads.submit(() -> call(limit, "/api/v1/entries", held)),
                threads.submit(() -> call(limit, "/api/v1/entries", held)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> limit.inFlight() == 2);

        MockHttpServletResponse shed = call(limit, "/api/v1/entries", held);

        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(shed.getContentType()).isEqualTo("application/problem+json");
        assertThat(StrictJson.mapper().readTree(shed.getContentAsString()).path("code").asString())
                .isEqualTo("dependency_unavailable");
        assertThat(served).hasValue(2);
        assertThat(limit.shed()).isEqualTo(1);

        release.countDown();
        for (Future<MockHttpServletResponse> response : admitted) {
            assertThat(response.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        assertThat(limit.inFlight()).isZero();
        assertThat(call(limit, "/api/v1/entries", held).getStatus()).as("answering again once the load is gone")
                .isEqualTo(200);
    }

    @Test
    void probesAreNeverShed() throws Exception {
        InFlightLimit limit = new InFlightLimit(1, StrictJson.mapper());
        threads.submit(() -> call(limit, "/api/v1/entries", held));
        await().atMost(10, TimeUnit.SECONDS).until(() -> limit.inFlight() == 1);

        release.countDown();
        assertThat(call(limit, "/actuator/health/readiness", (request, response) -> { }).getStatus()).isEqualTo(200);
        assertThat(limit.shed()).isZero();
    }

    @Test
    void aRequestThatFailsGivesItsPlaceBack() {
        InFlightLimit limit = new InFlightLimit(1, StrictJson.mapper());
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("boom");
        };

        assertThatThrownBy(() -> call(limit, "/api/v1/entries", failing)).hasMessage("boom");

        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void anAsynchronousRequestHoldsItsPlaceUntilItCompletes() throws Exception {
        InFlightLimit limit = new InFlightLimit(1, StrictJson.mapper());
        MockHttpServletRequest request = request("/api/v1/entries");
        request.setAsyncSupported(true);

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());

        assertThat(limit.inFlight()).isEqualTo(1);
        assertThat(call(limit, "/api/v1/entries", (req, res) -> { }).getStatus()).isEqualTo(503);
        request.getAsyncContext().complete();
        assertThat(limit.inFlight()).isZero();
        assertThat(call(limit, "/api/v1/entries", (req, res) -> { }).getStatus()).isEqualTo(200);
    }

    @Test
    void manyThreadsNeverHaveMoreThanTheLimitServedAtOnce() {
        InFlightLimit limit = new InFlightLimit(8, StrictJson.mapper());
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FilterChain slow = (request, response) -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
        };

        List<Integer> statuses = Concurrently.run(2_000, 64, i -> () -> call(limit, "/api/v1/entries", slow).getStatus());

        assertThat(most.get()).isBetween(1, 8);
        assertThat(statuses).containsOnly(200, 503).contains(200, 503);
        assertThat(limit.shed()).isEqualTo(statuses.stream().filter(s -> s == 503).count());
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new InFlightLimit(0, StrictJson.mapper())).isInstanceOf(IllegalArgumentException.class);
    }

    private static MockHttpServletResponse call(InFlightLimit limit, String path, FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(request(path), response, chain);
        return response;
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        return request;
    }
}
