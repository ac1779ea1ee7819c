package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.nova.platform.core.gpu.GpuSharing;
import io.nova.platform.core.gpu.MigStrategy;
import io.nova.platform.core.gpu.PoolSnapshot;
import io.nova.platform.core.gpu.SharingMode;
import io.nova.platform.k8s.delivery.CanonicalYaml;

/**
 * The GPU Operator's sharing configuration for a cluster's pools: one device-plugin config per pool (selected on
 * its nodes by the label {@code nvidia.com/device-plugin.config=<pool>}), and, when a pool uses a custom MIG layout,
 * a mig-parted config with a layout per MIG pool (selected by {@code nvidia.com/mig.config=<layout>}).
 */
final class GpuSharingRenderer {

    static final String DEVICE_PLUGIN_CONFIG = "nova-device-plugin-config";
    static final String MIG_PARTED_CONFIG = "nova-mig-parted-config";

    private final RenderSettings settings;

    GpuSharingRenderer(RenderSettings settings) {
        this.settings = settings;
    }

    /** The device-plugin config key of a pool (also the node label value). */
    static String devicePluginConfig(PoolSnapshot pool) {
        return pool.name();
    }

    /** The mig.config label value of a pool: its named layout, its own custom layout, or MIG off. */
    static String migConfig(PoolSnapshot pool) {
        if (!pool.gpuModel().migCapable()) {
            return null;
        }
        if (pool.sharing().mode() != SharingMode.MIG) {
            return "all-disabled";
        }
        return pool.sharing().migLayout() != null ? pool.sharing().migLayout() : "nova-" + pool.name();
    }

    static boolean needsCustomMigConfig(List<PoolSnapshot> pools) {
        return pools.stream().anyMatch(p -> p.sharing().mode() == SharingMode.MIG && p.sharing().migLayout() == null);
    }

    List<ConfigMap> render(String cluster, List<PoolSnapshot> pools) {
        if (pools.isEmpty()) {
            return List.of();
        }
        var configMaps = new ArrayList<ConfigMap>();
        var deviceConfigs = new TreeMap<String, String>();
        pools.forEach(pool -> deviceConfigs.put(devicePluginConfig(pool), CanonicalYaml.ofValue(devicePlugin(pool))));
        configMaps.add(configMap(cluster, DEVICE_PLUGIN_CONFIG, deviceConfigs));
        if (needsCustomMigConfig(pools)) {
            configMaps.add(configMap(cluster, MIG_PARTED_CONFIG,
                    Map.of("config.yaml", CanonicalYaml.ofValue(migParted(pools)))));
        }
        return configMaps;
    }

    private ConfigMap configMap(String cluster, String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(settings.gpuOperatorNamespace())
                .withLabels(Labels.owned(cluster)).endMetadata()
                .withData(new TreeMap<>(data))
                .build();
    }

    /** The NVIDIA device plugin's config file format ({@code version: v1}). */
    private static Map<String, Object> devicePlugin(PoolSnapshot pool) {
        GpuSharing sharing = pool.sharing();
        var config = new LinkedHashMap<String, Object>();
        config.put("version", "v1");
        String migStrategy = sharing.mode() != SharingMode.MIG ? "none"
                : sharing.migStrategy() == MigStrategy.single ? "single" : "mixed";
        config.put("flags", Map.of("migStrategy", migStrategy));
        if (sharing.mode() == SharingMode.TIME_SLICING) {
            config.put("sharing", Map.of("timeSlicing", Map.of(
                    "renameByDefault", Boolean.TRUE.equals(sharing.renameByDefault()),
                    "failRequestsGreaterThanOne", Boolean.TRUE.equals(sharing.failRequestsGreaterThanOne()),
                    "resources", List.of(Map.of("name", "nvidia.com/gpu", "replicas", sharing.replicas())))));
        }
        return config;
    }

    /**
     * mig-parted's format: {@code all-disabled} and each MIG pool's layout. A named layout that pools of several GPU
     * models share gets one entry per model, selected by the models' PCI device ids.
     */
    private static Map<String, Object> migParted(List<PoolSnapshot> pools) {
        var layouts = new TreeMap<String, List<Map<String, Object>>>();
        layouts.put("all-disabled", List.of(Map.of("devices", "all", "mig-enabled", false)));
        for (PoolSnapshot pool : pools) {
            if (pool.sharing().mode() != SharingMode.MIG) {
                continue;
            }
            var entry = new LinkedHashMap<String, Object>();
            if (pool.sharing().migLayout() != null) {
                entry.put("device-filter", pool.gpuModel().pciDeviceIds());
            }
            entry.put("devices", "all");
            entry.put("mig-enabled", true);
            entry.put("mig-devices", new TreeMap<>(pool.sharing().migDevices()));
            var entries = new ArrayList<>(layouts.getOrDefault(migConfig(pool), List.of()));
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
            layouts.put(migConfig(pool), entries);
        }
        return Map.of("version", "v1", "mig-configs", layouts);
    }

    /**
     * Values for the GPU Operator release: the hardening every cluster gets, and, with pools, what points it at the
     * configs above.
     *
     * <p>Hardening: the operator's daemonsets (driver, toolkit, device plugin, ...) tolerate the pools' taints
     * ({@value PoolPlacement#TAINT}, any value) besides {@code nvidia.com/gpu} (the chart's default, which a list value
     * replaces); the container toolkit ignores {@code NVIDIA_VISIBLE_DEVICES} from unprivileged containers and takes
     * the devices from volume mounts instead, which only the device plugin sets up for containers that were granted
     * GPUs ({@code DEVICE_LIST_STRATEGY=volume-mounts}); so a container that sets {@code NVIDIA_VISIBLE_DEVICES=all}
     * on a GPU node gets no GPU it did not request.
     */
    Map<String, Object> gpuOperatorValues(List<PoolSnapshot> pools) {
        var values = new LinkedHashMap<String, Object>();
        values.put("daemonsets", Map.of("tolerations", GPU_NODE_TOLERATIONS));
        values.put("toolkit", Map.of("env", List.of(
                env("ACCEPT_NVIDIA_VISIBLE_DEVICES_ENVVAR_WHEN_UNPRIVILEGED", "false"),
                env("ACCEPT_NVIDIA_VISIBLE_DEVICES_AS_VOLUME_MOUNTS", "true"))));
        var devicePlugin = new LinkedHashMap<String, Object>();
        devicePlugin.put("env", List.of(env("DEVICE_LIST_STRATEGY", "volume-mounts")));
        values.put("devicePlugin", devicePlugin);
        if (pools.isEmpty()) {
            return values;
        }
        boolean mixed = pools.stream().anyMatch(p -> p.sharing().mode() == SharingMode.MIG
                && p.sharing().migStrategy() == MigStrategy.mixed);
        devicePlugin.put("config", Map.of("name", DEVICE_PLUGIN_CONFIG));
        values.put("mig", Map.of("strategy", mixed ? "mixed" : "single"));
        if (needsCustomMigConfig(pools)) {
            values.put("migManager", Map.of("config", Map.of("name", MIG_PARTED_CONFIG, "default", "all-disabled")));
        }
        return values;
    }

    /**
     * Node Feature Discovery's workers must run on the pools' tainted nodes too: the GPU Operator deploys its operands
     * only where NFD found a GPU.
     */
    Map<String, Object> nodeFeatureDiscoveryValues() {
        return Map.of("worker", Map.of("tolerations", GPU_NODE_TOLERATIONS));
    }

    /** What system daemons on GPU nodes tolerate: the GPU taint and any pool's taint. */
    private static final List<Map<String, Object>> GPU_NODE_TOLERATIONS = List.of(
            Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"),
            Map.of("key", PoolPlacement.TAINT, "operator", "Exists", "effect", PoolPlacement.EFFECT));

    private static Map<String, Object> env(String name, String value) {
        return Map.of("name", name, "value", value);
    }
}
