package io.eventbank.query.axon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorExecutorTest {

    private final CoordinatorExecutor executor = new CoordinatorExecutor("accounts", Duration.ofMillis(5));

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void theFullQueueRecheckRunsSooner() {
        ScheduledFuture<?> recheck = executor.schedule(() -> { }, 100, TimeUnit.MILLISECONDS);

        assertThat(recheck.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(5);
    }

    @Test
    void everyOtherDelayIsKept() {
        ScheduledFuture<?> backOff = executor.schedule(() -> { }, 500, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> claim = executor.schedule(() -> { }, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> almost = executor.schedule(() -> { }, 100_500, TimeUnit.MICROSECONDS);

        assertThat(backOff.getDelay(TimeUnit.MILLISECONDS)).isBetween(400L, 500L);
        assertThat(claim.getDelay(TimeUnit.MILLISECONDS)).isBetween(900L, 1000L);
        assertThat(almost.getDelay(TimeUnit.MICROSECONDS)).isGreaterThan(50_000L);
    }

    @Test
    void itsThreadIsNamedAfterTheProcessor() throws Exception {
        String name = executor.submit(() -> Thread.currentThread().getName()).get();

        assertThat(name).startsWith("Coordinator[accounts]");
    }
}
