package io.nova.platform.app.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Removes a class-data archive that a stop left half written, before anything else runs.
 *
 * <p>The start command maps an archive with {@code -XX:SharedArchiveFile=… -XX:+AutoCreateSharedArchive} and the JVM
 * rewrites it at exit when it is missing or stale (docs/operations.md#start-up). The JVM writes the archive's header
 * last: a process killed while writing it (e.g. {@code SIGKILL} at the end of a pod's termination grace period)
 * leaves a file that starts with zero bytes. The JVM takes such a file for a broken base archive, runs without any
 * class-data sharing and never rewrites it, so every later start would be slow. Deleting it lets the next stop write a
 * good one. Any other file is left alone.
 */
public final class ClassDataArchiveCheck {

    private static final String FLAG = "-XX:SharedArchiveFile=";

    private ClassDataArchiveCheck() {
    }

    /** Checks the archive named by this JVM's own {@code -XX:SharedArchiveFile} flag, if any. */
    public static void run() {
        try {
            archive(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                    .ifPresent(ClassDataArchiveCheck::deleteIfIncomplete);
        } catch (RuntimeException e) {
            // never stop the platform from starting over its start-up cache
        }
    }

    static Optional<Path> archive(List<String> jvmArguments) {
        return jvmArguments.stream().filter(a -> a.startsWith(FLAG)).reduce((first, second) -> second)
                .map(a -> a.substring(FLAG.length()))
                .filter(a -> !a.isBlank() && !a.contains(java.io.File.pathSeparator))
                .map(Path::of);
    }

    /** @return whether the file started with zero bytes and was deleted */
    static boolean deleteIfIncomplete(Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || magic[0] != 0 || magic[1] != 0 || magic[2] != 0 || magic[3] != 0) {
                return false;
            }
        } catch (IOException e) {
            return false; // absent or unreadable: nothing to repair
        }
        try {
            Files.deleteIfExists(archive);
            System.err.println("Deleted the incomplete class-data archive " + archive
                    + " (a stop was cut short while writing it); it is written again at the next stop");
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
