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
        assertThat(executor.delayNanos(500, TimeUnit.MILLISECONDS)).isEqualTo(500_000_000L);
        assertThat(executor.delayNanos(1, TimeUnit.SECONDS)).isEqualTo(1_000_000_000L);
        assertThat(executor.delayNanos(100_500, TimeUnit.MICROSECONDS)).isEqualTo(100_500_000L);
        assertThat(executor.delayNanos(100, TimeUnit.MILLISECONDS)).isEqualTo(5_000_000L);
    }

    @Test
    void itsThreadIsNamedAfterTheProcessor() throws Exception {
        String name = executor.submit(() -> Thread.currentThread().getName()).get();

        assertThat(name).startsWith("Coordinator[accounts]");
    }
}
