package io.nova.platform.k8s.render;

import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Custom resources of other projects (Flux, KubeRay, KServe), for which fabric8 ships no model classes. */
final class GenericObjects {

    static final String HELM_RELEASE = "helm.toolkit.fluxcd.io/v2";
    static final String FLUX_SOURCE = "source.toolkit.fluxcd.io/v1";
    static final String KUSTOMIZE = "kustomize.toolkit.fluxcd.io/v1";
    static final String RAY = "ray.io/v1";
    static final String KSERVE = "serving.kserve.io/v1beta1";

    private GenericObjects() {
    }

    static GenericKubernetesResource of(String apiVersion, String kind, String namespace, String name,
                                        Map<String, String> labels, Map<String, Object> spec) {
        var resource = new GenericKubernetesResource();
        resource.setApiVersion(apiVersion);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels)
                .build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    static GenericKubernetesResource clusterScoped(String apiVersion, String kind, String name,
                                                   Map<String, String> labels, Map<String, Object> spec) {
        return of(apiVersion, kind, null, name, labels, spec);
    }

    /** A cluster-scoped object whose fields are top-level (no {@code spec}), such as a priority class. */
    static GenericKubernetesResource withFields(String apiVersion, String kind, String name,
                                                Map<String, String> labels, Map<String, Object> fields) {
        var resource = new GenericKubernetesResource();
        resource.setApiVersion(apiVersion);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        fields.forEach(resource::setAdditionalProperty);
        return resource;
    }
}
