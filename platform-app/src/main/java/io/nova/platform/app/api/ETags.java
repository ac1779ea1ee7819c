package io.nova.platform.app.api;

import java.net.URI;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** ETag = the resource's optimistic-locking version; If-Match carries it back on PUT and DELETE. */
public final class ETags {

    private ETags() {
    }

    public static String of(long resourceVersion) {
        return "\"" + resourceVersion + "\"";
    }

    /** The version an If-Match header asks for; null when absent or {@code *} (any version). */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("If-Match must be an ETag returned by this API, such as \"3\"",
                    java.util.List.of(new FieldViolation("If-Match", "is not an ETag of this API: " + ifMatch)));
        }
    }

    public static <T> ResponseEntity<T> ok(T body, long resourceVersion) {
        return ResponseEntity.ok().eTag(of(resourceVersion)).body(body);
    }

    /** 201 with the new resource's URL, for POST; the path segment is appended to the request URL. */
    public static <T> ResponseEntity<T> created(T body, long resourceVersion, String id) {
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().pathSegment(id).build().toUri();
        return ResponseEntity.created(location).eTag(of(resourceVersion)).body(body);
    }

    /** 201 at the request URL for a PUT that created the resource, else 200. */
    public static <T> ResponseEntity<T> put(T body, long resourceVersion, boolean created) {
        if (created) {
            URI location = ServletUriComponentsBuilder.fromCurrentRequest().build().toUri();
            return ResponseEntity.created(location).eTag(of(resourceVersion)).body(body);
        }
        return ok(body, resourceVersion);
    }
}
