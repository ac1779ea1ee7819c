package io.nova.platform.core.module;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.module.integration.ModuleIntegration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The modules the platform can install. Built from catalog files, the shipped {@code modules.yaml} first and
 * the admins' overrides after it; a catalog that contradicts itself is rejected when it is built.
 */
public final class ModuleCatalog {

    static final String DEFAULT_LOCATION = "modules.yaml";

    private static final Pattern MODULE_KEY = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("tenant", "cluster", "domain");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final List<ModuleDefinition> modules;
    private final Map<String, ModuleDefinition> byKey;

    public ModuleCatalog(List<ModuleDefinition> modules) {
        if (modules == null || modules.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("invalid module catalog: a module is missing");
        }
        this.modules = List.copyOf(modules);
        var problems = catalogProblems(this.modules);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid module catalog: " + String.join("; ", problems));
        }
        var keyed = new LinkedHashMap<String, ModuleDefinition>();
        this.modules.forEach(module -> keyed.put(module.key(), module));
        this.byKey = keyed;
    }

    /** The catalog shipped with the platform, {@code modules.yaml} on the classpath. */
    public static ModuleCatalog loadDefault() {
        return load(List.of(new ClassPathResource(DEFAULT_LOCATION)));
    }

    /**
     * Reads catalog files in order. An entry of a later file replaces the whole entry of the same key of an
     * earlier file, in its place; entries with new keys are added at the end.
     */
    public static ModuleCatalog load(List<? extends Resource> files) {
        var merged = new LinkedHashMap<String, ModuleDefinition>();
        for (var file : files) {
            for (var module : read(file)) {
                merged.put(module.key(), module);
            }
        }
        return new ModuleCatalog(new ArrayList<>(merged.values()));
    }

    /** All modules in catalog order. */
    public List<ModuleDefinition> all() {
        return modules;
    }

    public Optional<ModuleDefinition> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public List<ModuleDefinition> byScope(ModuleScope scope) {
        return modules.stream().filter(module -> module.scope() == scope).toList();
    }

    /** Keys of every module the given one needs, directly or not, each after the modules it needs itself. */
    public List<String> dependencyClosure(String key) {
        var module = find(key).orElseThrow(() -> new NotFoundException("module", key));
        var closure = new LinkedHashSet<String>();
        module.dependencies().forEach(dependency -> collect(dependency, closure));
        return List.copyOf(closure);
    }

    private void collect(String key, Set<String> closure) {
        if (closure.contains(key)) {
            return;
        }
        byKey.get(key).dependencies().forEach(dependency -> collect(dependency, closure));
        closure.add(key);
    }

    private static List<ModuleDefinition> read(Resource file) {
        JsonNode root;
        try (var in = file.getInputStream()) {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read module catalog " + file.getDescription(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "module catalog %s is not valid YAML: %s".formatted(file.getDescription(), e.getOriginalMessage()),
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        ModuleCatalogFile catalogFile;
        try {
            catalogFile = YAML.treeToValue(root, ModuleCatalogFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "module catalog %s is malformed: %s".formatted(file.getDescription(), e.getOriginalMessage()), e);
        }
        if (catalogFile == null || catalogFile.modules() == null) {
            return List.of();
        }
        var definitions = catalogFile.modules().stream().map(ModuleEntry::toDefinition).toList();
        var duplicates = duplicateKeys(definitions);
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("module catalog %s defines %s more than once"
                    .formatted(file.getDescription(), quoted(duplicates)));
        }
        return definitions;
    }

    private static List<String> catalogProblems(List<ModuleDefinition> modules) {
        var problems = new ArrayList<String>();
        for (int i = 0; i < modules.size(); i++) {
            problems.addAll(moduleProblems(modules.get(i), i));
        }
        var duplicates = duplicateKeys(modules);
        if (!duplicates.isEmpty()) {
            problems.add("module keys must be unique, but %s appear more than once".formatted(quoted(duplicates)));
        }
        problems.addAll(dependencyProblems(modules));
        var secrets = modules.stream().flatMap(m -> m.integration().credentials().stream())
                .collect(Collectors.groupingBy(GeneratedCredential::secret, Collectors.counting()));
        secrets.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted()
                .forEach(secret -> problems.add("generated credential '%s' is declared by more than one module; "
                        .formatted(secret) + "one module owns it and the others refer to it"));
        return problems;
    }

    /**
     * A route and a sign-on belong to a tool with a web UI. An admin's own tool may leave both out: it then gets no
     * route and no OIDC client.
     */
    private static List<String> integrationProblems(String label, ModuleDefinition module) {
        var problems = new ArrayList<String>();
        ModuleIntegration integration = module.integration();
        if (integration.route() != null && !module.webUi()) {
            problems.add(label + " has a route but no web UI");
        }
        if (integration.signOn().needsClient() && !module.webUi()) {
            problems.add(label + " has a sign-on method but no web UI");
        }
        return problems;
    }

    private static List<String> moduleProblems(ModuleDefinition module, int index) {
        var problems = new ArrayList<String>();
        if (module.key() == null || !MODULE_KEY.matcher(module.key()).matches()) {
            problems.add("module #%d has key %s; a key is a lower-case DNS label such as 'jupyterhub'"
                    .formatted(index + 1, module.key() == null ? "none" : "'" + module.key() + "'"));
            return problems;
        }
        var label = "module '" + module.key() + "'";
        if (isBlank(module.name())) {
            problems.add(label + " has no name");
        }
        if (module.scope() == null) {
            problems.add(label + " has no scope");
        }
        problems.addAll(module.hasChart() ? chartProblems(label, module.chart()) : chartlessProblems(label, module));
        problems.addAll(versionProblems(label, module));
        problems.addAll(tenancyProblems(label, module));
        problems.addAll(uiProblems(label, module));
        problems.addAll(integrationProblems(label, module));
        if (module.scope() == ModuleScope.CLUSTER && isBlank(module.releaseNamespace())) {
            problems.add(label + " is a cluster module but has no release namespace");
        }
        if (module.scope() == ModuleScope.TENANT && module.releaseNamespace() != null) {
            problems.add(label + " is a tenant module and goes in the tenant namespace, but names release namespace '"
                    + module.releaseNamespace() + "'");
        }
        if (module.valueKeys().isEmpty() && module.hasChart() && module.scope() == ModuleScope.TENANT) {
            problems.add(label + " lists no value keys of its chart");
        }
        var unknownDefaults = module.defaultValues().keySet().stream()
                .filter(valueKey -> !module.valueKeys().contains(valueKey))
                .toList();
        if (!unknownDefaults.isEmpty()) {
            problems.add("%s has default values %s that are not value keys of its chart"
                    .formatted(label, quoted(unknownDefaults)));
        }
        return problems;
    }

    /**
     * A module without a chart only uses cluster components in the tenant's namespace: it must be a tenant module that
     * names them, and has nothing to configure.
     */
    private static List<String> chartlessProblems(String label, ModuleDefinition module) {
        var problems = new ArrayList<String>();
        if (module.scope() != ModuleScope.TENANT || module.components().isEmpty()) {
            problems.add(label + " has no chart; only a tenant module that uses cluster components may have none");
        }
        if (!module.valueKeys().isEmpty() || !module.defaultValues().isEmpty()) {
            problems.add(label + " has no chart but value keys or default values");
        }
        if (!module.tenancy().tenantValues().isEmpty()) {
            problems.add(label + " has no chart but tenant value paths");
        }
        return problems;
    }

    private static List<String> tenancyProblems(String label, ModuleDefinition module) {
        var problems = new ArrayList<String>();
        ModuleTenancy tenancy = module.tenancy();
        if (!Set.of(ModuleTenancy.RESTRICTED, ModuleTenancy.BASELINE).contains(tenancy.podSecurity())) {
            problems.add("%s has pod security '%s'; it is %s or %s".formatted(label, tenancy.podSecurity(),
                    ModuleTenancy.RESTRICTED, ModuleTenancy.BASELINE));
        }
        var ports = new ArrayList<Integer>(tenancy.uiPorts());
        ports.addAll(tenancy.metricsPorts());
        ports.stream().filter(port -> port == null || port < 1 || port > 65535).distinct()
                .forEach(port -> problems.add("%s has port %s, which is not 1-65535".formatted(label, port)));
        for (String path : tenancy.tenantValues()) {
            String top = path == null ? "" : path.split("\\.", 2)[0];
            if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                problems.add("%s has tenant value path '%s', which is not a dotted path".formatted(label, path));
            } else if (!top.equals(ModuleTenancy.ANY_KNOWN_KEY) && !module.valueKeys().contains(top)) {
                problems.add("%s has tenant value path '%s', but '%s' is not a value key of its chart"
                        .formatted(label, path, top));
            }
        }
        tenancy.serviceAccounts().stream().filter(name -> name == null || !MODULE_KEY.matcher(name).matches())
                .forEach(name -> problems.add("%s has service account '%s', which is not a DNS label"
                        .formatted(label, name)));
        if (module.scope() == ModuleScope.CLUSTER && !module.components().isEmpty()) {
            problems.add(label + " is a cluster module but names cluster components; only tenant modules do");
        }
        return problems;
    }

    private static List<String> chartProblems(String label, ChartSource chart) {
        var problems = new ArrayList<String>();
        if (chart.type() == null) {
            problems.add(label + " has a chart without type (HELM or OCI)");
        }
        if (isBlank(chart.chart())) {
            problems.add(label + " has a chart without name");
        }
        if (isBlank(chart.url())) {
            problems.add(label + " has a chart without url");
        } else if (chart.type() == ChartSourceType.OCI && !chart.url().startsWith("oci://")) {
            problems.add("%s has an OCI chart whose url '%s' does not start with oci://".formatted(label, chart.url()));
        } else if (chart.type() == ChartSourceType.HELM && !chart.url().matches("https?://.+")) {
            problems.add("%s has a Helm repository url '%s' that is not http(s)".formatted(label, chart.url()));
        }
        return problems;
    }

    private static List<String> versionProblems(String label, ModuleDefinition module) {
        var problems = new ArrayList<String>();
        if (module.supportedVersions().isEmpty()) {
            problems.add(label + " has no supported versions");
        } else if (new HashSet<>(module.supportedVersions()).size() != module.supportedVersions().size()) {
            problems.add(label + " lists a supported version twice: " + module.supportedVersions());
        }
        if (isBlank(module.defaultVersion())) {
            problems.add(label + " has no default version");
        } else if (!module.supports(module.defaultVersion())) {
            problems.add("%s has default version '%s', which is not one of its supported versions %s"
                    .formatted(label, module.defaultVersion(), module.supportedVersions()));
        }
        return problems;
    }

    private static List<String> uiProblems(String label, ModuleDefinition module) {
        var pattern = module.uiUrlPattern();
        if (!module.webUi()) {
            return pattern == null ? List.of() : List.of(label + " has no web UI but a UI url pattern " + pattern);
        }
        if (isBlank(pattern)) {
            return List.of(label + " has a web UI but no UI url pattern");
        }
        var problems = new ArrayList<String>();
        if (!pattern.startsWith("https://")) {
            problems.add("%s has UI url pattern %s, which is not https".formatted(label, pattern));
        }
        var matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            var placeholder = matcher.group(1);
            if (!PLACEHOLDERS.contains(placeholder)) {
                problems.add("%s has UI url pattern %s with unknown placeholder {%s}; known are {tenant}, {cluster}, {domain}"
                        .formatted(label, pattern, placeholder));
            } else if (placeholder.equals("tenant") && module.scope() == ModuleScope.CLUSTER) {
                problems.add("%s is a cluster module but its UI url pattern %s uses {tenant}".formatted(label, pattern));
            }
        }
        return problems;
    }

    private static List<String> dependencyProblems(List<ModuleDefinition> modules) {
        var byKey = new LinkedHashMap<String, ModuleDefinition>();
        modules.stream().filter(module -> module.key() != null)
                .forEach(module -> byKey.putIfAbsent(module.key(), module));
        var problems = new ArrayList<String>();
        for (var module : byKey.values()) {
            for (var dependency : module.dependencies()) {
                var target = byKey.get(dependency);
                if (target == null) {
                    problems.add("module '%s' depends on unknown module '%s'".formatted(module.key(), dependency));
                } else if (module.scope() != null && target.scope() != null && target.scope() != module.scope()) {
                    problems.add("module '%s' (%s) depends on '%s' (%s); dependencies must share the module's scope"
                            .formatted(module.key(), module.scope(), dependency, target.scope()));
                }
            }
        }
        for (var module : byKey.values()) {
            for (var component : module.components()) {
                var target = byKey.get(component);
                if (target == null) {
                    problems.add("module '%s' uses unknown cluster component '%s'".formatted(module.key(), component));
                } else if (target.scope() != ModuleScope.CLUSTER) {
                    problems.add("module '%s' uses '%s' as a cluster component, but '%s' is a %s module"
                            .formatted(module.key(), component, component, target.scope()));
                }
            }
        }
        problems.addAll(cycles(byKey));
        return problems;
    }

    private static List<String> cycles(Map<String, ModuleDefinition> byKey) {
        var cycles = new LinkedHashMap<Set<String>, String>();
        var done = new HashSet<String>();
        for (var key : byKey.keySet()) {
            findCycles(key, byKey, new ArrayList<>(), done, cycles);
        }
        return List.copyOf(cycles.values());
    }

    private static void findCycles(String key, Map<String, ModuleDefinition> byKey, List<String> path,
                                   Set<String> done, Map<Set<String>, String> cycles) {
        var start = path.indexOf(key);
        if (start >= 0) {
            var cycle = new ArrayList<>(path.subList(start, path.size()));
            cycle.add(key);
            cycles.putIfAbsent(Set.copyOf(cycle), "dependency cycle " + String.join(" -> ", cycle));
            return;
        }
        var module = byKey.get(key);
        if (module == null || done.contains(key)) {
            return;
        }
        path.add(key);
        module.dependencies().forEach(dependency -> findCycles(dependency, byKey, path, done, cycles));
        path.removeLast();
        done.add(key);
    }

    private static List<String> duplicateKeys(List<ModuleDefinition> modules) {
        var seen = new HashSet<String>();
        return modules.stream()
                .map(ModuleDefinition::key)
                .filter(key -> key != null && !seen.add(key))
                .distinct()
                .toList();
    }

    private static String quoted(List<String> keys) {
        return keys.stream().map(key -> "'" + key + "'").collect(Collectors.joining(", "));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
