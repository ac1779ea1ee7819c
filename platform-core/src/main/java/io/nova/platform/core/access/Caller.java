package io.nova.platform.core.access;

import java.util.Set;

/**
 * Who is calling: an OIDC subject with its groups, a machine client, or the local development administrator.
 *
 * @param clientId the OAuth client that obtained the token, when it differs from the subject (machine tokens)
 * @param name     what people call the caller (preferred user name, name or e-mail); the subject when unknown
 * @param system   the platform itself, doing background work (see {@link SystemCaller})
 */
public record Caller(String subject, String clientId, Set<String> groups, boolean localAdmin, String name,
                     boolean system) {

    public Caller {
        groups = Set.copyOf(groups);
        name = name == null || name.isBlank() ? subject : name;
    }

    public Caller(String subject, String clientId, Set<String> groups, boolean localAdmin, String name) {
        this(subject, clientId, groups, localAdmin, name, false);
    }

    public Caller(String subject, String clientId, Set<String> groups, boolean localAdmin) {
        this(subject, clientId, groups, localAdmin, null, false);
    }

    /** The platform itself, doing {@code task}. */
    static Caller system(String task) {
        return new Caller("system", null, Set.of(), false, "system (" + task + ")", true);
    }

    /** The audit actor: the subject, and the client it came through when that is someone else. */
    public String actor() {
        if (system) {
            return "system";
        }
        return clientId == null || clientId.equals(subject) ? subject : subject + " via " + clientId;
    }
}
