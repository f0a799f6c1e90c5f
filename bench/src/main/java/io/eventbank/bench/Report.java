package io.eventbank.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** docs/performance.md from the results of a run. */
final class Report {

    private Report() {
    }

    static void write(ObjectNode results, Path root, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, "# Performance\n\n```json\n" + results.toPrettyString() + "\n```\n");
    }
}
