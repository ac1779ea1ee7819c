package io.nova.platform.core.desired;

import java.util.function.Consumer;

/**
 * Port: the changes committed on any replica of the platform, so that the replica that owns a cluster reconciles it
 * whichever replica the change was made through. Implemented where the database is spoken.
 */
public interface ClusterChangeFeed {

    /**
     * Starts calling {@code changed} with the cluster of every committed {@link DesiredStateChanged} of any replica
     * (this one's too), and {@code missed} after an interruption in which changes may have been lost. Both are called
     * on the feed's own thread and must return quickly.
     */
    void subscribe(Consumer<String> changed, Runnable missed);
}
