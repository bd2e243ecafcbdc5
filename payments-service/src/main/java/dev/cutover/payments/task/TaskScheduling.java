package dev.cutover.payments.task;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.cutover.kit.web.RequestIdFilter;
import dev.cutover.payments.config.PaymentsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Builds the scheduler from every {@link TaskHandler} bean and runs it with the application's lifecycle. */
@Configuration(proxyBeanMethods = false)
class TaskScheduling {

    private static final Logger log = LoggerFactory.getLogger(TaskScheduling.class);

    @Bean
    List<Task<?>> tasks(List<TaskHandler> handlers, PaymentsProperties properties) {
        PaymentsProperties.Tasks config = properties.tasks();
        return handlers.stream().<Task<?>>map(handler -> task(handler, config)).toList();
    }

    /** Stopped for good when the context is destroyed, after the lifecycle below has paused it. */
    @Bean(destroyMethod = "stop")
    Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, PaymentsProperties properties) {
        return Scheduler.create(dataSource, tasks)
                .threads(properties.tasks().threads())
                .pollingInterval(properties.tasks().pollingInterval())
                .heartbeatInterval(Duration.ofSeconds(5))
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(Duration.ofSeconds(10))
                // failures are logged by CappedBackoff, once per doubling, instead of on every attempt
                .failureLogging(LogLevel.DEBUG, false)
                .build();
    }

    @Bean
    TaskQueue taskQueue(DataSource dataSource, ObjectProvider<Scheduler> scheduler, Clock clock) {
        // Scheduling only inserts rows, so this client needs no task definitions; through the proxy its
        // inserts join the caller's Spring-managed transaction.
        SchedulerClient transactional = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).build();
        return new TaskQueue(transactional, scheduler, clock);
    }

    /**
     * Starts polling once the application is up and pauses it when the context stops (a stopped context
     * may be started again, as the test framework does with cached contexts); running executions finish.
     */
    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;
            private volatile boolean started;

            @Override
            public void start() {
                if (started) {
                    scheduler.resume();
                } else {
                    scheduler.start();
                    started = true;
                }
                running = true;
            }

            @Override
            public void stop() {
                scheduler.pause();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // stops after graceful shutdown drained the requests (phase MAX - 1024), with the web server
                return Integer.MAX_VALUE - 2048;
            }
        };
    }

    private static OneTimeTask<Void> task(TaskHandler handler, PaymentsProperties.Tasks config) {
        return Tasks.oneTime(handler.taskName())
                .onFailure(new CappedBackoff(config.retryInitial(), config.retryMax()))
                .execute((instance, context) -> {
                    MDC.put(RequestIdFilter.MDC_KEY, "task-" + handler.taskName() + "-" + instance.getId());
                    try {
                        handler.handle(instance.getId());
                    } finally {
                        MDC.remove(RequestIdFilter.MDC_KEY);
                    }
                });
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (java.net.UnknownHostException e) {
            return "payments-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /** Retries after {@code initial}, doubling with each consecutive failure, never waiting longer than {@code max}. */
    static final class CappedBackoff implements FailureHandler<Void> {
        private final Duration initial;
        private final Duration max;

        CappedBackoff(Duration initial, Duration max) {
            this.initial = initial;
            this.max = max;
        }

        static Duration delay(Duration initial, Duration max, int consecutiveFailures) {
            int doublings = Math.min(Math.max(consecutiveFailures, 0), 30);
            Duration delay = initial.multipliedBy(1L << doublings);
            return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
            int failures = complete.getExecution().consecutiveFailures;
            Duration delay = delay(initial, max, failures);
            int inARow = failures + 1;
            if (Integer.bitCount(inARow) == 1) { // 1st, 2nd, 4th, 8th… failure: visible, but an outage does not flood the log
                log.warn("Task {} failed ({} in a row): {}; retrying in {}", complete.getExecution().taskInstance.getTaskAndInstance(),
                        inARow, complete.getCause().map(Throwable::toString).orElse("unknown"), delay);
            }
            operations.reschedule(complete, complete.getTimeDone().plus(delay));
        }
    }
}
