package io.nova.platform.core.access;

import java.util.Optional;

/**
 * Port: the caller of the current request, as the application's security layer authenticated it. Empty outside a
 * request (the reconciler, start-up tasks), where the platform acts on its own behalf.
 */
public interface CurrentCaller {

    Optional<Caller> get();
}
