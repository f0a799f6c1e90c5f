package io.eventbank.command.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Retries a command whose append lost a race on the unique (aggregate_identifier, sequence_number) key: another
 * instance wrote that sequence first. The retry reloads the aggregate, so it decides again on the new state (a
 * withdrawal may then be refused for insufficient funds). Nothing else is retried: a refused command, a missing
 * aggregate or an unreachable database fail at once. {@code eventbank.command.max-retries=0} switches retries off.
 * <p>
 * A command sent from inside another unit of work (the payment saga) is not retried here: it shares that unit's
 * transaction, which the failed append has already spoiled, so the event processor retries the whole unit.
 */
@Component
public class ConcurrencyRetryScheduler implements RetryScheduler, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyRetryScheduler.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("command-retry").daemon().factory());
    private final RetryScheduler delegate;
    private final Counter retries;

    ConcurrencyRetryScheduler(CommandSideSettings settings, MeterRegistry meters) {
        int maxRetries = settings.command().maxRetries();
        long backoffMillis = settings.command().retryBackoffMs();
        this.retries = Counter.builder("eventbank.command.concurrency.retries")
                .description("commands sent again after their append lost a race on an aggregate's sequence number")
                .register(meters);
        this.delegate = maxRetries < 1 ? null : ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(maxRetries)
                .backoffFactor(backoffMillis)
                .build();
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (delegate == null || CurrentUnitOfWork.isStarted() || !isConcurrencyConflict(lastFailure)) {
            return false;
        }
        boolean scheduled = delegate.scheduleRetry(commandMessage, lastFailure, failures, commandDispatch);
        if (scheduled) {
            retries.increment();
            log.debug("Retrying {} after a concurrent append (attempt {})",
                    commandMessage.getPayloadType().getSimpleName(), failures.size());
        } else {
            log.warn("Giving up on {} after {} concurrent appends", commandMessage.getPayloadType().getSimpleName(),
                    failures.size());
        }
        return scheduled;
    }

    public static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
