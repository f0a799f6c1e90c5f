package io.eventbank.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one reliability test run, written as JSON for docs/reliability.md. */
final class Report {

    private Report() {
    }

    static void write(String test, Map<String, Object> figures) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("test", test);
        document.put("finishedAt", Instant.now().toString());
        document.putAll(figures);
        Path directory = Path.of(System.getProperty("reliability.reportDir", "target/reliability-report"));
        try {
            Files.createDirectories(directory);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(directory.resolve(test + ".json").toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
