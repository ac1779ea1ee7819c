package io.nova.platform.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The CRDs the chart installs are the ones generated from the model classes. */
class CommittedCrdsTest {

    private static final String COMMITTED = "helm/nova-platform/crds";
    private static final String REFRESH = """
            %s is out of date with the CRDs generated from io.nova.platform.k8s.crd. Refresh it from the repository root:
              ./mvnw -pl platform-k8s -am process-classes && cp platform-k8s/target/classes/META-INF/fabric8/*.ml.nova.io-v1.yml %s/
            """;

    @Test
    void every_generated_crd_is_committed_unchanged() throws Exception {
        List<Path> generated = generatedCrds();

        assertThat(generated).extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder("mlclusters.ml.nova.io-v1.yml", "mlinfrastructures.ml.nova.io-v1.yml");
        for (Path file : generated) {
            Path committed = committedDir().resolve(file.getFileName());
            assertThat(committed).as(REFRESH, committed, COMMITTED).exists();
            assertThat(text(committed)).as(REFRESH, committed, COMMITTED).isEqualTo(text(file));
        }
    }

    @Test
    void no_crd_is_committed_that_is_no_longer_generated() throws Exception {
        List<String> generated = generatedCrds().stream().map(file -> file.getFileName().toString()).toList();

        try (Stream<Path> committed = Files.list(committedDir())) {
            assertThat(committed.map(file -> file.getFileName().toString()))
                    .as(REFRESH + "  and delete the files that are no longer generated.%n", COMMITTED, COMMITTED)
                    .isSubsetOf(generated);
        }
    }

    private static List<Path> generatedCrds() throws IOException, URISyntaxException {
        URL generated = CommittedCrdsTest.class.getResource("/META-INF/fabric8");
        assertThat(generated).as("no generated CRDs on the classpath: build with Maven (crd-generator-maven-plugin)")
                .isNotNull();
        Path dir = Path.of(generated.toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".ml.nova.io-v1.yml")).sorted().toList();
        }
    }

    private static Path committedDir() {
        Path moduleDir = Path.of("").toAbsolutePath();
        return Stream.of(moduleDir.getParent(), moduleDir)
                .map(root -> root.resolve(COMMITTED))
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new AssertionError(REFRESH.formatted(COMMITTED + " (missing)", COMMITTED)));
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file).replace("\r\n", "\n");
    }
}
