package io.nova.platform.app.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking over the embedded database's folder: stale locks go, a running platform's folder is refused in one line. */
class DataDirectoryOwnerTest {

    @TempDir
    Path parent;

    @Test
    void a_lock_file_whose_process_is_gone_is_removed_and_this_process_becomes_the_owner() throws Exception {
        Path data = Files.createDirectories(parent.resolve("postgres"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data + "\n");

        new DataDirectoryOwner(data, Duration.ofSeconds(5)).takeOver();

        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(Files.readString(parent.resolve("postgres.owner.pid")))
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void a_folder_another_running_platform_owns_is_refused_with_what_to_do() throws Exception {
        Path data = Files.createDirectories(parent.resolve("postgres"));
        Path sleeper = parent.resolve("Sleep.java");
        Files.writeString(sleeper, "class Sleep { public static void main(String[] a) throws Exception "
                + "{ Thread.sleep(60_000); } }");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, sleeper.toString()).start();
        try {
            Files.writeString(parent.resolve("postgres.owner.pid"), Long.toString(other.pid()));

            assertThatThrownBy(() -> new DataDirectoryOwner(data, Duration.ofSeconds(5)).takeOver())
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessage("another Nova Platform (process %d) is using the embedded database in %s; stop it "
                            .formatted(other.pid(), data) + "first, or give this one another NOVA_DATA_DIR");
        } finally {
            other.destroyForcibly();
        }
    }
}
