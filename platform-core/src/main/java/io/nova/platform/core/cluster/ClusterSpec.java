package io.nova.platform.core.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What an admin says about a cluster. {@code credentialsRef} names the Vault path of the kubeconfig or token
 * (e.g. {@code kv/clusters/prod#kubeconfig}), never the credential itself.
 */
@JsonIgnoreProperties(value = {"sync", "resourceVersion", "createdAt", "updatedAt"}, allowGetters = true)
public record ClusterSpec(String name, DeliveryMode deliveryMode, String apiServer, String credentialsRef,
                          GitOpsTarget gitops) {
}
