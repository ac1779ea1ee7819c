package io.nova.platform.k8s.delivery;

import java.util.ArrayList;
import java.util.List;

/** A minimal unified diff (longest common subsequence of lines), enough for reviewing rendered YAML. */
public final class LineDiff {

    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    public static String unified(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        var ops = new ArrayList<String>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(" " + a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add("+" + b.get(j++));
            } else {
                ops.add("-" + a.get(i++));
            }
        }
        var out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : name).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : name).append('\n');
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k).charAt(0) != ' ' || near(ops, k)) {
                out.append(ops.get(k)).append('\n');
            } else if (k > 0 && (ops.get(k - 1).charAt(0) != ' ' || near(ops, k - 1))) {
                out.append("...\n");
            }
        }
        return out.toString();
    }

    private static boolean near(List<String> ops, int k) {
        for (int d = -CONTEXT; d <= CONTEXT; d++) {
            int n = k + d;
            if (n >= 0 && n < ops.size() && ops.get(n).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
