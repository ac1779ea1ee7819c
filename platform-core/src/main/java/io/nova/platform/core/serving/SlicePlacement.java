package io.nova.platform.core.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the pods of a time-sliced pool's model deployments fit its nodes: each node offers its GPU's time-slices,
 * a pod needs its slices on one node, and the pods of a spread deployment (a co-located model's pipeline stages and
 * replicas, which carry pod anti-affinity) need distinct nodes. Largest pods first, each on the node with the most
 * room left that does not hold its deployment yet; a heuristic, so "no placement" means none was found.
 */
final class SlicePlacement {

    /** What one node holds: pods as {@code deployment → slices}. */
    record Node(int index, int capacity, List<PoolPods> pods) {

        int used() {
            return pods.stream().mapToInt(PoolPods::slicesPerPod).sum();
        }
    }

    private SlicePlacement() {
    }

    static Optional<List<Node>> place(int nodes, int slicesPerNode, List<PoolPods> deployments) {
        var placed = new ArrayList<Node>();
        var holds = new ArrayList<Set<String>>();
        for (int i = 0; i < nodes; i++) {
            placed.add(new Node(i + 1, slicesPerNode, new ArrayList<>()));
            holds.add(new HashSet<>());
        }
        var order = deployments.stream().sorted(Comparator.comparingInt(PoolPods::slicesPerPod).reversed()
                .thenComparing(PoolPods::spread, Comparator.reverseOrder())).toList();
        for (PoolPods deployment : order) {
            for (int pod = 0; pod < deployment.pods(); pod++) {
                Node best = null;
                for (int i = 0; i < nodes; i++) {
                    Node node = placed.get(i);
                    boolean room = node.capacity() - node.used() >= deployment.slicesPerPod();
                    boolean allowed = !deployment.spread() || !holds.get(i).contains(deployment.deployment());
                    if (room && allowed && (best == null || node.used() < best.used())) {
                        best = node;
                    }
                }
                if (best == null) {
                    return Optional.empty();
                }
                best.pods().add(new PoolPods(deployment.deployment(), deployment.slicesPerPod(), 1,
                        deployment.spread()));
                holds.get(best.index() - 1).add(deployment.deployment());
            }
        }
        return Optional.of(placed);
    }
}
