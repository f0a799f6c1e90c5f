package io.eventbank.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What Linux's /proc tells about the machine and its processes: load, memory, CPU time. */
final class Machine {

    private static final double CLOCK_TICKS = 100.0;

    private Machine() {
    }

    static double[] loadAverage() {
        String[] parts = read(Path.of("/proc/loadavg")).trim().split("\\s+");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }

    static long memoryMiB() {
        return statusKiB(Path.of("/proc/meminfo"), "MemTotal") / 1024;
    }

    /** A value in kB of /proc/&lt;pid&gt;/status, e.g. VmRSS or VmHWM, in MiB; NaN once the process is gone. */
    static double statusMiB(long pid, String field) {
        Path path = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.exists(path)) {
            return Double.NaN;
        }
        return statusKiB(path, field) / 1024.0;
    }

    /** Seconds of CPU (user + system) the process has used so far, or NaN once it is gone. */
    static double cpuSeconds(long pid) {
        return cpuSecondsOf(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    /** User + system seconds of a {@code /proc/.../stat} file (a process's or one of its threads'), or NaN. */
    private static double cpuSecondsOf(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds the JIT compiler threads of a JVM have used (its threads named "C1/C2 CompilerThread..." in
     * {@code /proc/<pid>/task}); NaN if it cannot tell.
     */
    static double compilerCpuSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).contains("CompilerThre");
                } catch (IOException gone) {
                    return false;
                }
            }).mapToDouble(task -> {
                double seconds = cpuSecondsOf(task.resolve("stat"));
                return Double.isNaN(seconds) ? 0 : seconds;
            }).sum();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds of every PostgreSQL server process on the machine (of all its databases, not only ours). */
    static double postgresCpuSeconds() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(Machine::isPostgres)
                    .mapToDouble(p -> {
                        double seconds = cpuSeconds(Long.parseLong(p.getFileName().toString()));
                        return Double.isNaN(seconds) ? 0 : seconds;
                    })
                    .sum();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Busy and total seconds of all cores since boot, from the first line of /proc/stat. */
    static double[] machineCpuSeconds() {
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new double[] {(total - idle) / CLOCK_TICKS, total / CLOCK_TICKS};
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).startsWith("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    private static long statusKiB(Path path, String field) {
        List<String> lines = read(path).lines().toList();
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " not in " + path);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
