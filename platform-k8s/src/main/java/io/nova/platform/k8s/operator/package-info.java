/**
 * The operator side: whoever changes an MLCluster or MLInfrastructure (the platform, kubectl, a Git commit applied by
 * Flux), the objects it stands for follow and its status says how far they are.
 * <ul>
 *     <li>{@link io.nova.platform.k8s.operator.MLClusterExpander}: MLCluster → Flux sources and HelmReleases, the
 *     same objects the platform renders for the tenant (a pure function);</li>
 *     <li>{@link io.nova.platform.k8s.operator.MLClusterOperator}: delivers the expansion of MLClusters the platform
 *     did not write, and keeps every MLCluster's status;</li>
 *     <li>{@link io.nova.platform.k8s.operator.MLInfrastructureOperator}: labels GPU nodes for their pools and reports
 *     the GPU Operator's state;</li>
 *     <li>{@link io.nova.platform.k8s.operator.ClusterOperators}: starts and stops both per cluster.</li>
 * </ul>
 */
package io.nova.platform.k8s.operator;
