package io.nova.platform.k8s.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The application layer of one tenant namespace: which modules run, in which version, with which values. */
@Group(MLCluster.GROUP)
@Version(MLCluster.VERSION)
@Kind("MLCluster")
@Plural("mlclusters")
@ShortNames("mlc")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MLCluster extends CustomResource<MLClusterSpec, MLClusterStatus> implements Namespaced {

    public static final String GROUP = "ml.nova.io";
    public static final String VERSION = "v1alpha1";
}
