package io.nova.platform.core.access;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Work the platform does on its own behalf (reconciles, start-up, clean-ups) declares itself here and runs as the
 * system caller, with an admin's rights. Anything else without an authenticated caller is refused: no caller never
 * means admin.
 */
public final class SystemCaller {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private SystemCaller() {
    }

    /** Runs {@code work} on this thread as the system, named {@code task} in the audit log. */
    public static void run(String task, Runnable work) {
        call(task, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(String task, Supplier<T> work) {
        Caller before = CURRENT.get();
        CURRENT.set(Caller.system(task));
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** {@code work} for another thread, running there as the system. */
    public static Runnable wrap(String task, Runnable work) {
        return () -> run(task, work);
    }

    /** The system caller of this thread, while it runs system work. */
    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
