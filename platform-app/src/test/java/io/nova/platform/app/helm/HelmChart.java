package io.nova.platform.app.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under {@code helm/nova-platform}, driven by real Helm 3 (helm-java runs Helm's own Go code in-process
 * through JNA): {@code helm lint --strict} and {@code helm template}. There is no API server here, so nothing is
 * installed: what is checked is what Helm renders and what fabric8 parses from it.
 */
final class HelmChart {

    static final Path CHART = projectRoot().resolve("helm/nova-platform");
    static final Path VALUES = projectRoot().resolve("platform-app/src/test/resources/helm");
    static final String RELEASE = "nova";
    static final String NAMESPACE = "nova-system";
    /** helm-java's built-in default is Kubernetes 1.20, below the chart's kubeVersion; real Helm uses its own. */
    static final String KUBE_VERSION = "1.31.0";

    private HelmChart() {
    }

    static LintResult lintStrict() {
        return new Helm(CHART).lint().strict().call();
    }

    /** Renders with the values files (in order) and {@code --set} pairs; throws with Helm's message on failure. */
    static RenderedChart template(List<String> valuesFiles, String... sets) {
        return template(CHART, valuesFiles, sets);
    }

    static RenderedChart template(String... valuesFiles) {
        return template(List.of(valuesFiles));
    }

    /**
     * The test hooks too: {@code helm template} through helm-java leaves hooks out, so this renders a copy of the chart
     * in which the hook annotation of {@code templates/tests} is removed, making the test pod a plain manifest.
     */
    static RenderedChart templateWithTests(String... valuesFiles) {
        Path copy = copyOfChart();
        try (Stream<Path> tests = Files.list(copy.resolve("templates/tests"))) {
            for (Path test : tests.toList()) {
                String text = Files.readString(test).replaceAll("(?m)^\\s*helm\\.sh/hook(-delete-policy)?:.*\\R", "");
                Files.writeString(test, text);
            }
            return template(copy, List.of(valuesFiles));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    static String source(String template) {
        try {
            return Files.readString(CHART.resolve(template));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RenderedChart template(Path chart, List<String> valuesFiles, String... sets) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (String file : valuesFiles) {
            command = command.withValuesFile(VALUES.resolve(file));
        }
        for (String set : sets) {
            int equals = set.indexOf('=');
            command = command.set(set.substring(0, equals), set.substring(equals + 1));
        }
        return RenderedChart.parse(command.call());
    }

    private static Path copyOfChart() {
        try {
            Path target = Files.createTempDirectory("nova-chart-").resolve("nova-platform");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(CHART.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path chart) {
        try (Stream<Path> files = Files.walk(chart.getParent())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tests run in {@code platform-app}; the chart lives at the repository root. */
    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("helm/nova-platform")) && Files.isDirectory(dir.resolve("platform-app"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no helm/nova-platform above " + here);
    }
}
