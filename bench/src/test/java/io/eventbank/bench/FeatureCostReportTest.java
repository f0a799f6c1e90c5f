package io.eventbank.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Section 10 of docs/performance.md: what the idempotency keys cost, from the interleaved rounds of workload 10. */
class FeatureCostReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theIdempotencyKeysCostIsTheChangeBetweenTheMeansOfTheirRounds(@TempDir Path root) throws Exception {
        ObjectNode results = (ObjectNode) JSON.readTree("""
                {"features": {
                  "plain": [{"per_s": 2000, "p99_ms": 20.0, "cpu_cores": {"command_service": 0.9}},
                            {"per_s": 1800, "p99_ms": 30.0, "cpu_cores": {"command_service": 0.8}}],
                  "idempotency_key": [{"per_s": 1500, "p99_ms": 40.0, "cpu_cores": {"command_service": 0.9}},
                                      {"per_s": 1350, "p99_ms": 50.0, "cpu_cores": {"command_service": 0.81}}]}}""");
        Path target = root.resolve("performance.md");

        Report.write(results, root, target);

        String report = Files.readString(target);
        assertThat(report).contains("## 10. What each feature costs");
        // means 1,900 and 1,425 commands/s (-25%), p99 25 and 45 ms, CPU 1.7/3,800 and 1.71/2,850 cores per command/s
        assertThat(report).contains("| `Idempotency-Key` on every command (workload 10, 2 interleaved rounds each) "
                + "| -25% (1,900 → 1,425/s) | 25 ms → 45 ms | 0.45 ms → 0.60 ms |");
    }
}
