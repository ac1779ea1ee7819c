package io.nova.platform.app.helm;

import java.util.Arrays;
import java.util.List;

import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * One Kubernetes API access in RBAC terms: API group, resource (with {@code /subresource}) and verb, as the API
 * server's authorizer sees a request.
 */
record ApiAccess(String group, String resource, String verb) {

    /** The access a request to the API server stands for (paths of the form /api/v1/... and /apis/group/version/...). */
    static ApiAccess of(RecordedRequest request) {
        String target = request.getPath();
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
        List<String> segments = Arrays.stream(target.replaceFirst("\\?.*", "").split("/"))
                .filter(s -> !s.isEmpty()).toList();
        String group = segments.getFirst().equals("api") ? "" : segments.get(1);
        List<String> rest = segments.subList(segments.getFirst().equals("api") ? 2 : 3, segments.size());
        if (rest.getFirst().equals("namespaces") && rest.size() >= 3) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.getFirst() + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean named = rest.size() > 1;
        String verb = switch (request.getMethod()) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + request.getMethod());
        };
        return new ApiAccess(group, resource, verb);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
    }
}
