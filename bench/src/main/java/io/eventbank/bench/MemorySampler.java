package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventbank.testsupport.ServiceProcess;

/**
 * Samples both services' memory while a workload runs: resident set (VmRSS) every 250 ms and heap in use (the
 * actuator's {@code jvm.memory.used}, area heap) every second; the peak resident set (VmHWM) at the end.
 */
final class MemorySampler implements AutoCloseable {

    private final ServiceProcess command;
    private final ServiceProcess query;
    private final Thread thread;
    private volatile boolean running = true;
    private double commandRss;
    private double queryRss;
    private double commandHeap;
    private double queryHeap;

    MemorySampler(ServiceProcess command, ServiceProcess query) {
        this.command = command;
        this.query = query;
        this.thread = Thread.ofVirtual().name("memory-sampler").start(this::sample);
    }

    private void sample() {
        for (long n = 0; running; n++) {
            commandRss = Math.max(commandRss, Machine.statusMiB(command.pid(), "VmRSS"));
            queryRss = Math.max(queryRss, Machine.statusMiB(query.pid(), "VmRSS"));
            if (n % 4 == 0) {
                commandHeap = Math.max(commandHeap, nanToZero(Deployment.heapUsedMiB(command)));
                queryHeap = Math.max(queryHeap, nanToZero(Deployment.heapUsedMiB(query)));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    ObjectNode summary() {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        double commandPeak = Machine.statusMiB(command.pid(), "VmHWM");
        double queryPeak = Machine.statusMiB(query.pid(), "VmHWM");
        result.put("command_rss_mib_peak", Math.round(commandPeak));
        result.put("query_rss_mib_peak", Math.round(queryPeak));
        result.put("command_rss_mib_max_sampled", Math.round(commandRss));
        result.put("query_rss_mib_max_sampled", Math.round(queryRss));
        result.put("command_heap_used_mib_max", Math.round(commandHeap));
        result.put("query_heap_used_mib_max", Math.round(queryHeap));
        result.put("rss_mib_max", Math.round(Math.max(commandPeak, queryPeak)));
        return result;
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
