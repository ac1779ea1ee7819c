package io.nova.platform.app.helm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** What {@code helm template} printed, parsed by fabric8 into Kubernetes objects (typed where fabric8 knows the kind). */
record RenderedChart(String yaml, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static RenderedChart parse(String yaml) {
        List<HasMetadata> objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .toList();
        return new RenderedChart(yaml, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.getFirst();
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    GenericKubernetesResource generic(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(GenericKubernetesResource.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    Deployment deployment() {
        return one(Deployment.class);
    }

    Container platformContainer() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** Every pod spec rendered (the Deployment's, the test pod's). */
    List<PodSpec> podSpecs() {
        return objects.stream().map(RenderedChart::podSpec).filter(Objects::nonNull).toList();
    }

    /** The value of the platform container's plain environment variable, or null. */
    String env(String name) {
        return platformContainer().getEnv().stream().filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue).findFirst().orElse(null);
    }

    private static PodSpec podSpec(HasMetadata object) {
        return switch (object) {
            case Deployment deployment -> deployment.getSpec().getTemplate().getSpec();
            case Pod pod -> pod.getSpec();
            default -> null;
        };
    }
}
