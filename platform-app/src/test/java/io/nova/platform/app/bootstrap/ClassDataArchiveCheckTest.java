package io.nova.platform.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check that removes a class-data archive whose writing was cut short (header still zero). */
class ClassDataArchiveCheckTest {

    @TempDir
    Path dir;

    @Test
    void an_archive_whose_header_was_never_written_is_deleted() throws Exception {
        Path archive = dir.resolve("nova-platform.jsa");
        Files.write(archive, new byte[64 * 1024]);

        assertThat(ClassDataArchiveCheck.deleteIfIncomplete(archive)).isTrue();
        assertThat(archive).doesNotExist();
    }

    @Test
    void a_written_archive_and_other_files_are_kept() throws Exception {
        Path archive = dir.resolve("nova-platform.jsa");
        // the dynamic archive's magic number 0xf00baba8, as the JVM writes it on little-endian machines
        Files.write(archive, new byte[] {(byte) 0xa8, (byte) 0xba, 0x0b, (byte) 0xf0, 0, 0, 0, 0});
        Path tiny = dir.resolve("tiny.jsa");
        Files.write(tiny, new byte[] {0, 0});

        assertThat(ClassDataArchiveCheck.deleteIfIncomplete(archive)).isFalse();
        assertThat(ClassDataArchiveCheck.deleteIfIncomplete(tiny)).isFalse();
        assertThat(ClassDataArchiveCheck.deleteIfIncomplete(dir.resolve("absent.jsa"))).isFalse();
        assertThat(archive).exists();
        assertThat(tiny).exists();
    }

    @Test
    void the_archive_is_the_one_the_jvm_was_started_with() {
        assertThat(ClassDataArchiveCheck.archive(List.of("-Xmx512m", "-XX:SharedArchiveFile=target/a.jsa",
                "-XX:+AutoCreateSharedArchive"))).contains(Path.of("target/a.jsa"));
        assertThat(ClassDataArchiveCheck.archive(List.of("-Xmx512m"))).isEmpty();
        assertThat(ClassDataArchiveCheck.archive(List.of("-XX:SharedArchiveFile=base.jsa" + java.io.File.pathSeparator
                + "top.jsa"))).as("a base:top pair is the JVM's business").isEmpty();
    }
}
