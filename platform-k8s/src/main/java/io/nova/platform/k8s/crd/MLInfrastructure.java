package io.nova.platform.k8s.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The infrastructure layer of one cluster: GPU Operator, Node Feature Discovery, DCGM exporter and GPU pools. */
@Group(MLCluster.GROUP)
@Version(MLCluster.VERSION)
@Kind("MLInfrastructure")
@Plural("mlinfrastructures")
@ShortNames("mli")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MLInfrastructure extends CustomResource<MLInfrastructureSpec, MLInfrastructureStatus> {
}
