package dev.cutover.sync;

import org.springframework.context.SmartLifecycle;

import java.util.List;

/**
 * The service's change streams, started with the application context and stopped before its database pool closes.
 */
public final class ChangeStreams implements SmartLifecycle {

    private final List<ChangeStream> streams;
    private volatile boolean running;

    public ChangeStreams(List<ChangeStream> streams) {
        this.streams = List.copyOf(streams);
    }

    public List<ChangeStream> streams() {
        return streams;
    }

    /** The stream of that direction, e.g. {@code legacy-to-payments}. */
    public ChangeStream named(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no change stream " + name));
    }

    @Override
    public void start() {
        streams.forEach(ChangeStream::start);
        running = true;
    }

    @Override
    public void stop() {
        streams.forEach(ChangeStream::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
