package io.eventbank.query;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on raw response bodies, where JSON paths would lose what is checked (a number's scale, a class name). */
final class ResponseBodies {

    private ResponseBodies() {
    }

    static void assertContains(byte[] body, String expected) {
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(expected);
    }

    static void assertNoInternals(byte[] body) {
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("Exception", "java.", "org.", "\tat ");
    }
}
