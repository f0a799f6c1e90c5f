package io.eventbank.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's summary and docs/performance.md put the command service alone against the HTTP floor, with the JDBC
 * ceiling beside it, from the steps the run measured.
 */
class FloorReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode results(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static final String CEILING = """
            "ceiling": {"single": [{"clients": 16, "rows_per_tx": 1, "rows_per_s": 12000},
                                   {"clients": 64, "rows_per_tx": 1, "rows_per_s": 10000}]}""";
    private static final String FLOOR = """
            "http_floor": {"peak_per_s": 2000, "steps": [
                {"clients": 16, "distribution": "uniform", "per_s": 2000, "p99_ms": 12.0,
                 "cpu_cores": {"client": 0.1, "http_floor": 0.9, "postgres": 0.3, "machine": 1.9}},
                {"clients": 64, "distribution": "uniform", "per_s": 1900, "p99_ms": 40.0,
                 "cpu_cores": {"client": 0.1, "http_floor": 0.95, "postgres": 0.3, "machine": 2.0}}]}""";
    private static final String ALONE = """
            "command_alone": {"peak_per_s": 1500,
              "half_peak": {"target_rate_per_s": 750, "clients": 16, "p99_ms": 18.5},
              "steps": [{"clients": 16, "distribution": "uniform", "per_s": 1500, "p99_ms": 20.0,
                         "cpu_cores": {"client": 0.1, "command_service": 1.2, "postgres": 0.3, "machine": 1.95}},
                        {"clients": 64, "distribution": "uniform", "per_s": 1400, "p99_ms": 60.0,
                         "cpu_cores": {"client": 0.1, "command_service": 1.2, "postgres": 0.3, "machine": 2.0}}]}""";

    @Test
    void theSummaryHoldsTheFloorTheCommandServiceAloneAndTheirRatio() throws Exception {
        ObjectNode results = results("{" + CEILING + "," + FLOOR + "," + ALONE + "}");

        Bench.summarize(results);

        assertThat(results.get("http_floor_per_s").asDouble()).isEqualTo(2000);
        assertThat(results.get("command_alone_peak_per_s").asDouble()).isEqualTo(1500);
        assertThat(results.get("command_to_floor_ratio").asDouble()).isEqualTo(0.75);
        assertThat(results.get("command_alone_share_of_ceiling").asDouble()).isEqualTo(0.125);
        assertThat(results.get("command_alone_p99_ms_at_half_peak").asDouble()).isEqualTo(18.5);
    }

    @Test
    void withoutAFloorMeasuredTheRatioIsNullNotZero() throws Exception {
        ObjectNode results = results("{" + CEILING + "," + ALONE + "}");

        Bench.summarize(results);

        assertThat(results.get("http_floor_per_s").isNull()).isTrue();
        assertThat(results.get("command_to_floor_ratio").isNull()).isTrue();
        assertThat(results.get("command_alone_peak_per_s").asDouble()).isEqualTo(1500);
    }

    @Test
    void theReportHeadlinesTheCommandServiceAloneAgainstTheFloorWithTheCeilingBesideIt(@TempDir Path root)
            throws Exception {
        ObjectNode results = results("{" + CEILING + "," + FLOOR + "," + ALONE + "}");
        Bench.summarize(results);
        Path target = root.resolve("performance.md");

        Report.write(results, root, target);

        String report = Files.readString(target);
        assertThat(report).contains("| command service alone / HTTP floor (peaks) | >= 70% | 75% (1,500 of 2,000/s); "
                + "of the JDBC ceiling: 13% (of 12,000/s) | yes |");
        assertThat(report).contains("| command p99 at half of peak, command service alone | < 25 ms | 19 ms | yes |");
        assertThat(report).contains("| 16 | 12,000 | 2,000 | 1,500 | — | 75% | 13% |");
        assertThat(report).contains("| 64 | 10,000 | 1,900 | 1,400 | — | 74% | 14% |");
        assertThat(report).contains("| HTTP floor | 16 | 2,000 |");
        assertThat(report).contains("0.45 ms");
        String chart = Files.readString(root.resolve("performance-commands.svg"));
        assertThat(chart).contains(">HTTP floor</text>").contains(">command service alone</text>")
                .contains(">JDBC ceiling, 1 event/tx</text>");
    }
}
