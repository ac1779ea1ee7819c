package io.nova.platform.core.common;

import java.util.regex.Pattern;

/** Kubernetes naming rules (DNS-1123 labels, label keys and values), with messages a person can act on. */
public final class KubernetesNames {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubernetesNames() {
    }

    /** Null when {@code value} is a DNS-1123 label of at most {@code maxLength} characters, else why not. */
    public static String dnsLabelProblem(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > maxLength) {
            return "must be at most %d characters (got %d)".formatted(maxLength, value.length());
        }
        if (!DNS_LABEL.matcher(value).matches()) {
            return "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter "
                    + "or digit (e.g. 'team-a')";
        }
        return null;
    }

    /** Null when {@code key} is a valid label key ({@code [prefix/]name}), else why not. */
    public static String labelKeyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "label key must not be empty";
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "label key prefix '%s' must be a DNS subdomain of at most 253 characters".formatted(prefix);
            }
        }
        if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            return "label key '%s' must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending "
                    .formatted(key) + "with a letter or digit";
        }
        return null;
    }

    /** Null when {@code value} is a valid label value, else why not. */
    public static String labelValueProblem(String value) {
        if (value == null) {
            return "label value must not be null";
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 63 || !LABEL_NAME.matcher(value).matches()) {
            return "label value '%s' must be at most 63 characters of letters, digits, '-', '_' or '.', ".formatted(
                    value) + "starting and ending with a letter or digit";
        }
        return null;
    }
}
