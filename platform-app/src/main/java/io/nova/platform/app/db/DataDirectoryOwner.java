package io.nova.platform.app.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns the embedded PostgreSQL's data folder. The platform writes its own process id beside the folder
 * ({@code <folder>.owner.pid}: initdb wants the folder itself empty); at the next start it can then tell a server that another running platform uses (refused,
 * with one line that says so) from one a platform left behind when it was killed ({@code kill -9}, an OOM kill, a
 * laptop crash): that orphan keeps running for a while and holds the folder's lock, so it is stopped cleanly (a
 * "smart" shutdown: no clients are left) and the platform starts as usual. A lock file whose process is gone (or is no
 * PostgreSQL any more) is removed.
 */
final class DataDirectoryOwner {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryOwner.class);
    private static final String LOCK_FILE = "postmaster.pid";

    private final Path dataDirectory;
    private final Duration stopWait;

    DataDirectoryOwner(Path dataDirectory, Duration stopWait) {
        this.dataDirectory = dataDirectory;
        this.stopWait = stopWait;
    }

    /** Makes the folder usable for this process, or fails with one line that says what to do. */
    void takeOver() throws IOException {
        Path ownerFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".owner.pid");
        Optional<ProcessHandle> owner = pid(ownerFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid() && command(p).contains("java"));
        if (owner.isPresent()) {
            throw new DataDirectoryInUseException(("another Nova Platform (process %d) is using the embedded database in "
                    + "%s; stop it first, or give this one another NOVA_DATA_DIR").formatted(owner.get().pid(),
                    dataDirectory));
        }
        Path lock = dataDirectory.resolve(LOCK_FILE);
        Optional<ProcessHandle> postmaster = pid(lock).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isPresent() && command(postmaster.get()).contains("postgres")) {
            stop(postmaster.get());
        } else if (Files.exists(lock)) {
            log.info("Removing the stale {} of a PostgreSQL that is no longer running", lock);
            Files.deleteIfExists(lock);
        }
        Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()),
                StandardCharsets.US_ASCII);
    }

    private void stop(ProcessHandle postmaster) {
        log.warn("The embedded PostgreSQL of a platform that was killed (process {}) still runs on {}: stopping it",
                postmaster.pid(), dataDirectory);
        postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown, which checkpoints and exits
        Instant deadline = Instant.now().plus(stopWait);
        while (postmaster.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (postmaster.isAlive()) {
            throw new DataDirectoryInUseException(("the embedded PostgreSQL left by a killed platform (process %d) did not "
                    + "stop within %d s; stop it (kill %d) and start again").formatted(postmaster.pid(),
                    stopWait.toSeconds(), postmaster.pid()));
        }
    }

    private static Optional<Long> pid(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("") + " " + String.join(" ", process.info().arguments()
                .orElse(new String[0]));
    }
}
