package io.nova.platform.core.gpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.nova.platform.core.common.FieldViolation;

/** The rules for how a pool of one GPU model shares its GPUs; field names are JSON paths under the pool. */
public final class GpuSharingRules {

    static final int MIN_REPLICAS = 2;
    static final int MAX_REPLICAS = 64;

    private static final String MODE = "sharing.mode";
    private static final String REPLICAS = "sharing.replicas";
    private static final String RENAME_BY_DEFAULT = "sharing.renameByDefault";
    private static final String FAIL_REQUESTS_GREATER_THAN_ONE = "sharing.failRequestsGreaterThanOne";
    private static final String MIG_STRATEGY = "sharing.migStrategy";
    private static final String MIG_LAYOUT = "sharing.migLayout";
    private static final String MIG_DEVICES = "sharing.migDevices";

    private final GpuModelCatalog catalog;
    private final MigLayoutChecker checker = new MigLayoutChecker();

    public GpuSharingRules(GpuModelCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public List<FieldViolation> validate(GpuModel gpu, GpuSharing sharing) {
        Objects.requireNonNull(gpu, "gpu");
        if (sharing == null || sharing.mode() == null) {
            return List.of(new FieldViolation(MODE, "mode is required: EXCLUSIVE, TIME_SLICING or MIG"));
        }
        var violations = new ArrayList<FieldViolation>();
        switch (sharing.mode()) {
            case EXCLUSIVE -> {
                rejectTimeSlicingFields(sharing, violations);
                rejectMigFields(sharing, violations);
            }
            case TIME_SLICING -> {
                validateReplicas(sharing.replicas(), violations);
                rejectMigFields(sharing, violations);
            }
            case MIG -> {
                rejectTimeSlicingFields(sharing, violations);
                validateMig(gpu, sharing, violations);
            }
        }
        return List.copyOf(violations);
    }

    /**
     * The sharing with its defaults filled in: migStrategy mixed, renameByDefault and failRequestsGreaterThanOne
     * false for time-slicing, and a named layout's devices. Fields that do not belong to the mode stay null.
     *
     * @throws IllegalArgumentException when {@link #validate} finds violations
     */
    public GpuSharing normalized(GpuModel gpu, GpuSharing sharing) {
        List<FieldViolation> violations = validate(gpu, sharing);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("cannot normalize invalid GPU sharing: " + violations);
        }
        return switch (sharing.mode()) {
            case EXCLUSIVE -> GpuSharing.exclusive();
            case TIME_SLICING -> GpuSharing.timeSlicing(sharing.replicas(),
                    Boolean.TRUE.equals(sharing.renameByDefault()),
                    Boolean.TRUE.equals(sharing.failRequestsGreaterThanOne()));
            case MIG -> new GpuSharing(SharingMode.MIG, null, null, null, strategyOf(sharing), sharing.migLayout(),
                    Collections.unmodifiableSortedMap(new TreeMap<>(devicesOf(gpu, sharing).orElseThrow())));
        };
    }

    private static void validateReplicas(Integer replicas, List<FieldViolation> violations) {
        if (replicas == null) {
            violations.add(new FieldViolation(REPLICAS, "replicas is required for TIME_SLICING: how many pods share "
                    + "one GPU, " + MIN_REPLICAS + " to " + MAX_REPLICAS));
        } else if (replicas < MIN_REPLICAS || replicas > MAX_REPLICAS) {
            violations.add(new FieldViolation(REPLICAS,
                    "replicas must be " + MIN_REPLICAS + " to " + MAX_REPLICAS + ", not " + replicas));
        }
    }

    private void validateMig(GpuModel gpu, GpuSharing sharing, List<FieldViolation> violations) {
        if (!gpu.migCapable()) {
            String migGpus = catalog.all().stream().filter(GpuModel::migCapable).map(GpuModel::id)
                    .collect(Collectors.joining(", "));
            violations.add(new FieldViolation(MODE,
                    gpu.id() + " does not support MIG; of the listed GPUs these do: " + migGpus));
            return;
        }
        String layoutName = sharing.migLayout();
        Map<String, Integer> devices = sharing.migDevices();
        if (layoutName == null && devices == null) {
            violations.add(new FieldViolation(MIG_LAYOUT, "MIG needs migLayout (one of " + layoutsOf(gpu)
                    + ") or migDevices (profile to instance count per GPU)"));
            return;
        }
        if (layoutName != null) {
            Optional<MigLayout> layout = gpu.migLayout(layoutName);
            if (layout.isEmpty()) {
                violations.add(new FieldViolation(MIG_LAYOUT, gpu.id() + " has no MIG layout " + layoutName
                        + "; its layouts are " + layoutsOf(gpu)));
                return;
            }
            // A normalized sharing carries both; anything else is two answers to one question.
            if (devices != null && !layout.get().devices().equals(devices)) {
                violations.add(new FieldViolation(MIG_DEVICES, "give migLayout or migDevices, not both; with "
                        + "migLayout " + layoutName + ", migDevices may only repeat its devices "
                        + layout.get().devices()));
                return;
            }
        } else {
            Optional<MigLayoutChecker.Problem> problem = checker.diagnose(gpu, devices);
            if (problem.isPresent()) {
                String field = problem.get().profile() == null ? MIG_DEVICES
                        : MIG_DEVICES + "." + problem.get().profile();
                violations.add(new FieldViolation(field, problem.get().reason()));
                return;
            }
        }
        validateStrategy(gpu, sharing, violations);
    }

    private static void validateStrategy(GpuModel gpu, GpuSharing sharing, List<FieldViolation> violations) {
        if (strategyOf(sharing) != MigStrategy.single) {
            return;
        }
        Map<String, Integer> devices = devicesOf(gpu, sharing).orElseThrow();
        if (devices.size() > 1) {
            String layout = sharing.migLayout() != null ? sharing.migLayout() : "the custom layout";
            violations.add(new FieldViolation(MIG_STRATEGY, "single advertises every MIG instance as "
                    + "nvidia.com/gpu, so the layout must have one profile only; " + layout + " has "
                    + devices.size() + ": " + String.join(", ", new TreeMap<>(devices).keySet())
                    + ". Use mixed, or a layout with one profile"));
        }
    }

    private static MigStrategy strategyOf(GpuSharing sharing) {
        return sharing.migStrategy() != null ? sharing.migStrategy() : MigStrategy.mixed;
    }

    private static Optional<Map<String, Integer>> devicesOf(GpuModel gpu, GpuSharing sharing) {
        if (sharing.migLayout() != null) {
            return gpu.migLayout(sharing.migLayout()).map(MigLayout::devices);
        }
        return Optional.ofNullable(sharing.migDevices());
    }

    private static String layoutsOf(GpuModel gpu) {
        return gpu.migLayouts().stream().map(MigLayout::name).collect(Collectors.joining(", "));
    }

    private static void rejectTimeSlicingFields(GpuSharing sharing, List<FieldViolation> violations) {
        rejectStray(REPLICAS, "replicas", sharing.replicas(), SharingMode.TIME_SLICING, sharing, violations);
        rejectStray(RENAME_BY_DEFAULT, "renameByDefault", sharing.renameByDefault(), SharingMode.TIME_SLICING,
                sharing, violations);
        rejectStray(FAIL_REQUESTS_GREATER_THAN_ONE, "failRequestsGreaterThanOne",
                sharing.failRequestsGreaterThanOne(), SharingMode.TIME_SLICING, sharing, violations);
    }

    private static void rejectMigFields(GpuSharing sharing, List<FieldViolation> violations) {
        rejectStray(MIG_STRATEGY, "migStrategy", sharing.migStrategy(), SharingMode.MIG, sharing, violations);
        rejectStray(MIG_LAYOUT, "migLayout", sharing.migLayout(), SharingMode.MIG, sharing, violations);
        rejectStray(MIG_DEVICES, "migDevices", sharing.migDevices(), SharingMode.MIG, sharing, violations);
    }

    private static void rejectStray(String field, String name, Object value, SharingMode owner, GpuSharing sharing,
                                    List<FieldViolation> violations) {
        if (value != null) {
            violations.add(new FieldViolation(field,
                    name + " belongs to " + owner + "; leave it out when mode is " + sharing.mode()));
        }
    }
}
