package io.eventbank.command.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions on the wire: an aggregate's version is its ETag, and {@code If-Match} names the version expected. */
public final class Versions {

    /** What an {@code If-Match} header may be, in the OpenAPI document's (portable) syntax. */
    public static final String IF_MATCH_PATTERN = "^\\s*(\\*|(W/)?\"?[0-9]{1,18}\"?)?\\s*$";

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

    public static <T> ResponseEntity<T> ok(long version, T body) {
        return ResponseEntity.ok().eTag(etag(version)).body(body);
    }

    public static <T> ResponseEntity<T> created(URI location, long version, T body) {
        return ResponseEntity.created(location).header(HttpHeaders.ETAG, etag(version)).body(body);
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
