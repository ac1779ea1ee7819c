package io.nova.platform.app.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * What the application really reads, taken from its own sources so the chart cannot drift from it: the shipped
 * {@code application.yml} (with the environment's defaults) and every {@code @ConfigurationProperties} record of the
 * platform.
 */
final class AppSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final StandardEnvironment environment = new StandardEnvironment();
    private final String yaml;

    AppSettings() {
        var resource = new ClassPathResource("application.yml");
        try {
            yaml = resource.getContentAsString(StandardCharsets.UTF_8);
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml", resource)) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String property(String name) {
        return environment.getProperty(name);
    }

    /** The environment variables application.yml names in placeholders ({@code ${NOVA_DB_URL:}}). */
    Set<String> placeholderVariables() {
        var names = new TreeSet<String>();
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Every property of the platform's {@code @ConfigurationProperties} records in Spring's uniform form (lower case,
     * no dashes: {@code nova.vault.kubernetes.authmount}), which is what an environment variable maps to.
     */
    Set<String> configurationProperties() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        var names = new TreeSet<String>();
        for (var candidate : scanner.findCandidateComponents("io.nova.platform")) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            collect(prefix.replace("-", "").toLowerCase(), type, names);
        }
        return names;
    }

    private static void collect(String prefix, Class<?> type, Set<String> names) {
        if (!type.isRecord()) {
            names.add(prefix);
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + component.getName().toLowerCase();
            if (component.getType().isRecord()) {
                collect(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
