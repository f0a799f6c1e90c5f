package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CPU used between two points in time by this benchmark client, the services, all PostgreSQL processes and the whole
 * machine, in cores (1.0 = one core busy all the time). The machine is shared, so "machine" includes other work.
 */
final class CpuMeter {

    private final long commandPid;
    private final long queryPid;
    private final long startNanos = System.nanoTime();
    private final double client;
    private final double command;
    private final double query;
    private final double postgres;
    private final double machineBusy;

    CpuMeter(long commandPid, long queryPid) {
        this.commandPid = commandPid;
        this.queryPid = queryPid;
        this.client = Machine.cpuSeconds(ProcessHandle.current().pid());
        this.command = Machine.cpuSeconds(commandPid);
        this.query = Machine.cpuSeconds(queryPid);
        this.postgres = Machine.postgresCpuSeconds();
        this.machineBusy = Machine.machineCpuSeconds()[0];
    }

    ObjectNode coresUsed() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ObjectNode cores = JsonNodeFactory.instance.objectNode();
        cores.put("client", round((Machine.cpuSeconds(ProcessHandle.current().pid()) - client) / seconds));
        cores.put("command_service", round((Machine.cpuSeconds(commandPid) - command) / seconds));
        cores.put("query_service", round((Machine.cpuSeconds(queryPid) - query) / seconds));
        cores.put("postgres", round((Machine.postgresCpuSeconds() - postgres) / seconds));
        cores.put("machine", round((Machine.machineCpuSeconds()[0] - machineBusy) / seconds));
        return cores;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
