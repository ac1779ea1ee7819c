import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET requests at a fixed rate, whatever the answers take (Debian's wrk has no fixed rate), for the latency goal "p99
 * at 200 requests/s". Each latency counts from when the request was due, not from when it was sent, so a stalled
 * server is not hidden by requests that were never sent (coordinated omission). The first second is warm-up.
 *
 * <p>Usage: {@code java bench/FixedRateLoad.java URL RATE SECONDS [HEADER: value]}; prints one line:
 * {@code rate R/s for S s: N requests, E errors, p50 X ms, p90 X ms, p99 X ms, max X ms}.
 */
public final class FixedRateLoad {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (args.length > 3) {
            int colon = args[3].indexOf(':');
            builder.header(args[3].substring(0, colon).strip(), args[3].substring(colon + 1).strip());
        }
        HttpRequest request = builder.build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 1_000_000_000L;
        long warmUpEnd = start + 1_000_000_000L;
        int total = rate * (seconds + 1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                executor.submit(() -> {
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (due >= warmUpEnd) {
                        latencies.add(System.nanoTime() - due);
                    }
                });
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("rate %d/s for %d s: %d requests, %d errors, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", rate, seconds, sorted.size(), errors.get(), ms(sorted, 50), ms(sorted, 90),
                ms(sorted, 99), sorted.isEmpty() ? 0 : sorted.getLast() / 1e6);
    }

    private static double ms(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(index) / 1e6;
    }
}
