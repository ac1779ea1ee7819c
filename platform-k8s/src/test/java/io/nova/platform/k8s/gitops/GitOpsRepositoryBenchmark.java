package io.nova.platform.k8s.gitops;

import static io.nova.platform.k8s.gitops.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.nova.platform.k8s.delivery.DeliveryReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a GitOps repository behaves with 10,000 tenants of 25 files each (250,000 files of synthetic YAML, laid out as
 * the reconciler lays them out, see {@link Fleet}): not part of the test run (tag {@code benchmark}); run with
 * {@code ./mvnw -B -o -pl platform-k8s -am test -Dnova.excluded-groups=none -Dtest=GitOpsRepositoryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m} and copy the printed table into
 * {@code docs/benchmarks.md}. {@code -Dnova.bench.tenants=N} changes the fleet, {@code -Dnova.bench.modes=local}
 * leaves out the remote repository (a bare one on disk behind a {@code file:} URL).
 *
 * <p>Each one-tenant delivery passes the tenant's 25 files and the reconciler's scope for it (the tenant's folder and
 * its Namespace file), once as a plain predicate (what {@code GitOpsLayout.scope} returned before it returned a
 * {@link PathScope}: the repository must ask it about every file of the folder) and once as a {@link PathScope}
 * (which rules out the other tenants' folders); a change rewrites two of the files. Times are wall clock around the
 * call.
 */
@Tag("benchmark")
class GitOpsRepositoryBenchmark {

    private static final int TENANTS = Integer.getInteger("nova.bench.tenants", 10_000);
    private static final int RUNS = 20;
    private static final Fleet FLEET = new Fleet(24, 240);

    @TempDir
    Path temp;

    @Test
    void one_tenant_deliveries_stay_fast_with_ten_thousand_tenants() {
        var rows = new ArrayList<String>();
        for (String mode : System.getProperty("nova.bench.modes", "local,remote").split(",")) {
            rows.addAll(run(mode.strip(), repository(mode.strip())));
        }
        System.out.println("\n| GitOps repository, " + TENANTS + " tenants × 25 files | Time |\n|---|---|\n"
                + String.join("\n", rows) + "\n");
    }

    private GitOpsRepository repository(String mode) {
        return switch (mode) {
            case "local" -> new GitOpsRepository(temp.resolve("local").toUri().toString(), "main", "clusters/bench",
                    temp.resolve("cache-local"));
            case "remote" -> {
                Path bare = temp.resolve("remote.git");
                git(temp, "init", "-q", "--bare", "-b", "main", bare.toString());
                yield new GitOpsRepository(bare.toUri().toString(), "main", "clusters/bench",
                        temp.resolve("cache-remote"));
            }
            default -> throw new IllegalArgumentException("mode local or remote, was " + mode);
        };
    }

    private List<String> run(String mode, GitOpsRepository gitops) {
        var rows = new ArrayList<String>() {
            @Override
            public boolean add(String row) {
                System.out.println(row); // as it comes, for long runs
                return super.add(row);
            }
        };
        resetPeakHeap();
        SortedMap<String, String> fleet = FLEET.files(TENANTS);
        Predicate<String> everything = path -> true;

        long start = System.nanoTime();
        DeliveryReport first = gitops.sync(fleet, everything, "bench", "first");
        rows.add(row(mode, "first sync of everything (%,d files)".formatted(fleet.size()), System.nanoTime() - start));
        assertThat(first.changes()).hasSize(fleet.size());

        int revision = 2;
        for (var scopes : List.<ScopeKind>of(new ScopeKind("plain predicate", Fleet::predicate),
                new ScopeKind("PathScope", Fleet::scope))) {
            var changes = new ArrayList<Long>();
            var noOps = new ArrayList<Long>();
            var plans = new ArrayList<Long>();
            for (int run = 0; run < RUNS; run++, revision++) {
                int tenant = (run * 7_919 + revision) % TENANTS;
                SortedMap<String, String> files = FLEET.tenantFiles(tenant, revision);
                Predicate<String> scope = scopes.scope().apply(tenant);
                plans.add(time(() -> assertThat(gitops.plan(files, scope).changes()).hasSize(2)));
                changes.add(time(() -> assertThat(gitops.sync(files, scope, "bench", "one tenant").changes())
                        .hasSize(2)));
                noOps.add(time(() -> assertThat(gitops.sync(files, scope, "bench", "again").isEmpty()).isTrue()));
                fleet.putAll(files);
            }
            String with = " (" + scopes.name() + ")";
            rows.add(percentiles(mode, "plan of one tenant, 2 of its 25 files changed" + with, plans));
            rows.add(percentiles(mode, "one-tenant sync, 2 files changed, to the commit" + with, changes));
            rows.add(percentiles(mode, "one-tenant sync, nothing changed" + with, noOps));
        }

        var wholePlans = new ArrayList<Long>();
        var wholeNoOps = new ArrayList<Long>();
        for (int run = 0; run < 3; run++) {
            wholePlans.add(time(() -> assertThat(gitops.plan(fleet, everything).isEmpty()).isTrue()));
            wholeNoOps.add(time(() -> assertThat(gitops.sync(fleet, everything, "bench", "all").isEmpty()).isTrue()));
        }
        rows.add(percentiles(mode, "plan of everything, nothing changed (3 runs)", wholePlans));
        rows.add(percentiles(mode, "sync of everything, nothing changed (3 runs)", wholeNoOps));
        System.gc();
        rows.add("| %s: heap (`-Xmx%dm`): old generation's peak / live after the runs | %d / %d MiB |".formatted(mode,
                Runtime.getRuntime().maxMemory() >> 20, peakOldGeneration() >> 20,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20));
        if (mode.equals("local")) {
            assertThat(git(temp.resolve("local"), "status", "--porcelain")).isEmpty();
        }
        return rows;
    }

    private record ScopeKind(String name, IntFunction<Predicate<String>> scope) {
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static String row(String mode, String what, long nanos) {
        return "| %s: %s | %s |".formatted(mode, what, millis(nanos));
    }

    private static String percentiles(String mode, String what, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return "| %s: %s | p50 %s, max %s |".formatted(mode, what, millis(sorted.get(sorted.size() / 2)),
                millis(sorted.getLast()));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
    }

    private static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The peak of the pool that holds what survives collections (G1's "G1 Old Gen"); eden peaks are garbage. */
    private static long peakOldGeneration() {
        return heapPools().stream().filter(pool -> pool.getName().contains("Old"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).max().orElse(-1);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }
}
