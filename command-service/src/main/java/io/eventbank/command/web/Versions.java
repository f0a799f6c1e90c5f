package io.eventbank.command.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions on the wire: an aggregate's version is its ETag, and {@code If-Match} names the version expected. */
public final class Versions {

    private static final Pattern ENTITY_TAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private Versions() {
    }

    /** The expected version named by an {@code If-Match} header; {@code null} when absent or {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = ENTITY_TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("If-Match must be a version in quotes, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The global position of the command's last event, which a read may ask the query side to have reached. */
    public static final String EVENT_POSITION = "Event-Position";

    public static <T> ResponseEntity<T> ok(long version, OptionalLong position, T body) {
        return withPosition(ResponseEntity.ok().eTag(etag(version)), position).body(body);
    }

    public static <T> ResponseEntity<T> created(URI location, long version, OptionalLong position, T body) {
        return withPosition(ResponseEntity.created(location).header(HttpHeaders.ETAG, etag(version)), position)
                .body(body);
    }

    private static ResponseEntity.BodyBuilder withPosition(ResponseEntity.BodyBuilder answer, OptionalLong position) {
        position.ifPresent(value -> answer.header(EVENT_POSITION, Long.toString(value)));
        return answer;
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
