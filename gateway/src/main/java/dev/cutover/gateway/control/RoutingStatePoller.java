package dev.cutover.gateway.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps this replica's weights in step with the store. A change made on another replica is in force here
 * within one poll interval (500 ms by default, well inside SPEC's 1 s). Polling rather than pub/sub: a
 * missed message or a reconnect can never leave a replica on stale weights for long (ADR 0012).
 */
public final class RoutingStatePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingStatePoller.class);
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final RoutingControl control;
    private final Duration interval;
    private final Duration startupWait;
    private final AtomicLong lastWarning = new AtomicLong();
    private volatile Disposable polling;

    public RoutingStatePoller(RoutingControl control, Duration interval, Duration startupWait) {
        this.control = control;
        this.interval = interval;
        this.startupWait = startupWait;
    }

    @Override
    public void start() {
        try {
            control.refresh().block(startupWait);
        } catch (RuntimeException unavailable) {
            log.warn("could not read routing weights at startup ({}); serving configured weights and reporting "
                    + "not ready until the store answers", unavailable.getClass().getSimpleName());
        }
        polling = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> control.refresh().onErrorResume(this::warn), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = polling;
        if (current != null) {
            current.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null && !polling.isDisposed();
    }

    /** Before the web server starts taking requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private Mono<Void> warn(Throwable error) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            log.warn("could not refresh routing weights ({}); keeping the last known ones", error.getClass().getSimpleName());
        }
        return Mono.empty();
    }
}
