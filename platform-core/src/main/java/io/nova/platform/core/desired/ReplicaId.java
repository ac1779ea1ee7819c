package io.nova.platform.core.desired;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which running copy of the platform this is, as written into the cluster leases: the host (in Kubernetes the pod)
 * name and a random suffix, so that a restarted pod of the same name is a new replica.
 *
 * @param value at most 128 characters
 */
public record ReplicaId(String value) {

    private static final int MAX_LENGTH = 128;

    public ReplicaId {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A replica id has 1 to %d characters, not '%s'".formatted(MAX_LENGTH,
                    value));
        }
    }

    /** The configured id as it is, or (blank) the host name with a random suffix. */
    public static ReplicaId of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new ReplicaId(configured.strip());
        }
        String host = hostName();
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        return new ReplicaId(host.substring(0, Math.min(host.length(), MAX_LENGTH - 7)) + "-" + suffix);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "nova";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
