package io.eventbank.command.axon;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reader's wake: the commits of one linger share one read, and a commit after a read begins gets one more. */
class CoalescingEventStoreTest {

    @Test
    void requestsWithinALingerShareOneRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Semaphore ran = new Semaphore(0);
        try (CoalescingEventStore.Wake wake = new CoalescingEventStore.Wake(() -> {
            runs.incrementAndGet();
            ran.release();
        }, Duration.ofSeconds(1))) {
            for (int i = 0; i < 50; i++) {
                wake.request();
            }
            assertThat(ran.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.tryAcquire(1500, TimeUnit.MILLISECONDS)).as("a second run").isFalse();
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aRequestWhileTheActionRunsIsNotLost() throws Exception {
        Semaphore running = new Semaphore(0);
        Semaphore release = new Semaphore(0);
        AtomicInteger runs = new AtomicInteger();
        try (CoalescingEventStore.Wake wake = new CoalescingEventStore.Wake(() -> {
            if (runs.incrementAndGet() == 1) {
                running.release();
                release.acquireUninterruptibly();
            }
        }, Duration.ofMillis(10))) {
            wake.request();
            assertThat(running.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            wake.request();
            release.release();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runs)
                    .as("the commit made while the first read ran gets a read of its own").hasValue(2));
        }
    }

    @Test
    void withoutALingerEveryRequestRuns() {
        AtomicInteger runs = new AtomicInteger();
        try (CoalescingEventStore.Wake wake = new CoalescingEventStore.Wake(runs::incrementAndGet, Duration.ZERO)) {
            for (int i = 0; i < 5; i++) {
                wake.request();
            }
        }
        assertThat(runs).hasValue(5);
    }
}
