package io.nova.platform.core.access;

import java.util.Set;

/**
 * Who is calling: an OIDC subject with its groups, a machine client, or the local development administrator.
 *
 * @param clientId the OAuth client that obtained the token, when it differs from the subject (machine tokens)
 */
public record Caller(String subject, String clientId, Set<String> groups, boolean localAdmin) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    /** The audit actor: the subject, and the client it came through when that is someone else. */
    public String actor() {
        return clientId == null || clientId.equals(subject) ? subject : subject + " via " + clientId;
    }
}
