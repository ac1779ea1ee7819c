package io.nova.platform.core.tenant;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import io.nova.platform.core.common.Violations;

/**
 * The extra egress ranges a platform admin opens for a tenant, in CIDR notation. The cloud metadata and link-local
 * ranges stay closed whatever is listed: they hand out the node's credentials.
 */
final class EgressCidrs {

    static final int MAX = 20;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
    private static final List<String> CLOSED = List.of("169.254.0.0/16", "fe80::/10");

    private EgressCidrs() {
    }

    static List<String> check(Violations v, String field, List<String> given) {
        List<String> cidrs = given == null ? List.of() : given;
        if (cidrs.size() > MAX) {
            v.add(field, "may list at most %d ranges (got %d)".formatted(MAX, cidrs.size()));
            return List.of();
        }
        var seen = new HashSet<String>();
        var result = new ArrayList<String>();
        for (int i = 0; i < cidrs.size(); i++) {
            String item = "%s[%d]".formatted(field, i);
            String cidr = cidrs.get(i);
            String problem = problem(cidr);
            if (problem != null) {
                v.add(item, problem);
            } else if (!seen.add(cidr)) {
                v.add(item, "range '%s' is listed twice".formatted(cidr));
            } else {
                result.add(cidr);
            }
        }
        return List.copyOf(result);
    }

    static String problem(String cidr) {
        if (cidr == null || cidr.isBlank() || cidr.length() > 50) {
            return "must be an address range such as 10.20.0.0/16";
        }
        Range range = parse(cidr);
        if (range == null) {
            return "'%s' is not an address range in CIDR notation (e.g. 10.20.0.0/16 or fd00:1::/64)".formatted(cidr);
        }
        if (range.prefix() == 0) {
            return "'%s' opens every address; the internet is open already and private ranges must be named one by one"
                    .formatted(cidr);
        }
        for (String closed : CLOSED) {
            if (range.overlaps(parse(closed))) {
                return "'%s' overlaps %s (link-local, where cloud metadata hands out the node's credentials), which "
                        .formatted(cidr, closed) + "stays closed";
            }
        }
        return null;
    }

    private record Range(byte[] address, int prefix) {

        boolean overlaps(Range other) {
            if (other.address.length != address.length) {
                return false;
            }
            int common = Math.min(prefix, other.prefix);
            return masked(address, common).equals(masked(other.address, common));
        }

        private static BigInteger masked(byte[] address, int bits) {
            BigInteger value = new BigInteger(1, address);
            int total = address.length * 8;
            return value.shiftRight(total - bits);
        }
    }

    private static Range parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || slash != cidr.lastIndexOf('/')) {
            return null;
        }
        String address = cidr.substring(0, slash);
        String prefixText = cidr.substring(slash + 1);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !(address.contains(":") && IPV6.matcher(address).matches()) || !prefixText.matches("\\d{1,3}")) {
            return null;
        }
        int prefix = Integer.parseInt(prefixText);
        if (v4 && java.util.Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // literal only: no lookup for these patterns
            if (v4 && bytes.length != 4 || prefix > bytes.length * 8) {
                return null;
            }
            if (!Range.masked(bytes, prefix).shiftLeft(bytes.length * 8 - prefix).equals(new BigInteger(1, bytes))) {
                return null;
            }
            return new Range(bytes, prefix);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
