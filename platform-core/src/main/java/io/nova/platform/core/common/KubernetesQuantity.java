package io.nova.platform.core.common;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes resource quantity such as {@code "16"}, {@code "500m"} or {@code "64Gi"}, parsed to a number. */
public final class KubernetesQuantity {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private KubernetesQuantity() {
    }

    /** The value in base units (cores, bytes), or null when {@code text} is not a non-negative quantity. */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        return new BigDecimal(m.group(1)).multiply(SUFFIXES.get(suffix));
    }

    /**
     * Null when {@code text} is a quantity between zero (exclusive) and {@code max} base units, else why not.
     * {@code maxText} is the limit as people write it, for the message.
     */
    public static String problem(String text, BigDecimal max, String maxText) {
        BigDecimal value = parse(text);
        if (value == null) {
            return "'%s' is not a Kubernetes quantity; write e.g. \"16\", \"500m\" or \"64Gi\"".formatted(text);
        }
        if (value.signum() <= 0) {
            return "must be greater than zero";
        }
        if (value.compareTo(max) > 0) {
            return "'%s' is more than the allowed maximum of %s".formatted(text, maxText);
        }
        return null;
    }
}
