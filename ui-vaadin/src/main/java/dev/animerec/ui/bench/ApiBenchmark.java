package dev.animerec.ui.bench;

import dev.animerec.bench.BenchFigures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

/**
 * Closed-loop load generator for a running serving app on loopback: known users ({@code GET
 * /api/v1/users/{u}/recommendations}) and fold-in ({@code POST /api/v1/recommendations} with a real list), at
 * each concurrency level; prints p50 / p99 latency and throughput per scenario. Users and lists come from the
 * snapshot CSV the batch was trained on, so every "known user" is in the published version.
 *
 * <pre>ApiBenchmark [--url http://127.0.0.1:8080] [--snapshot data/snapshot/animelist_2023.csv.gz]
 *              [--clients 1,16,64] [--seconds 10] [--warmup-seconds 3] [--server-warmup-seconds 20]
 *              [--server-pid PID]</pre>
 *
 * The figures are those of a warm server: before the first level, each scenario runs for
 * {@code --server-warmup-seconds} at 16 clients (the JIT compiles the request path; a fresh JVM spent twice the CPU
 * per request in its first seconds), and each level has its own {@code --warmup-seconds}.
 *
 * With {@code --server-pid} (the serving JVM on this machine) it also prints the server's CPU milliseconds per
 * request.
 */
public final class ApiBenchmark {

    private static final String[] STATUS = {"", "watching", "completed", "on_hold", "dropped", "", "plan_to_watch"};

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String url = options.getOrDefault("--url", "http://127.0.0.1:8080");
        Path snapshot = Path.of(options.getOrDefault("--snapshot", "data/snapshot/animelist_2023.csv.gz"));
        int[] levels = Arrays.stream(options.getOrDefault("--clients", "1,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup-seconds", "3"));
        int serverWarmup = Integer.parseInt(options.getOrDefault("--server-warmup-seconds", "20"));

        Map<String, StringBuilder> lists = readLists(snapshot);
        URI base = URI.create(url);
        List<String> users = publishedUsers(base, lists.keySet());
        List<String> bodies = new ArrayList<>();
        lists.values().forEach(body -> bodies.add("{\"entries\":[" + body + "]}"));
        System.out.printf("serving benchmark against %s: %d known users (of %d in the snapshot), %d fold-in lists"
                        + " (mean %.0f entries)%n", url, users.size(), lists.size(), bodies.size(), bodies.stream().mapToInt(b -> b.split("anime_id").length - 1).average()
                        .orElse(0));
        int port = base.getPort() < 0 ? 80 : base.getPort();
        String host = "Host: " + base.getHost() + ":" + port + "\r\nAccept: application/json\r\n";
        List<byte[]> knownRequests = users.stream().map(user -> ("GET /api/v1/users/" + user + "/recommendations"
                + " HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.UTF_8)).toList();
        List<byte[]> foldInRequests = bodies.stream().map(body -> {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /api/v1/recommendations HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                    + "Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + content.length);
            System.arraycopy(content, 0, request, head.length, content.length);
            return request;
        }).toList();
        ClosedLoopLoad.Requests known = () -> knownRequests.get(ThreadLocalRandom.current().nextInt(knownRequests.size()));
        ClosedLoopLoad.Requests foldIn = () -> foldInRequests.get(ThreadLocalRandom.current()
                .nextInt(foldInRequests.size()));
        ClosedLoopLoad load = new ClosedLoopLoad(new InetSocketAddress(base.getHost(), port));

        ProcessCpu server = !options.getOrDefault("--server-pid", "0").equals("0")
                ? new ProcessCpu(Path.of("/proc", options.get("--server-pid"), "stat")) : null;
        if (serverWarmup > 0) {
            System.out.printf("warming the server up: %d s of known-user and %d s of fold-in requests at 16 clients,"
                    + " not measured%n", serverWarmup, serverWarmup);
            load.run(known, 16, serverWarmup);
            load.run(foldIn, 16, serverWarmup);
        }
        System.out.printf("%-11s %7s %9s %9s %9s %10s %7s %12s %8s%n", "scenario", "clients", "p50 ms", "p99 ms",
                "max ms", "req/s", "errors", "cpu ms/req", "load1");
        BenchFigures figures = new BenchFigures();
        for (Map.Entry<String, ClosedLoopLoad.Requests> scenario : Map.of("known-user", known, "fold-in", foldIn)
                .entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())).toList()) {
            for (int clients : levels) {
                load.run(scenario.getValue(), clients, warmup);
                long cpuBefore = server == null ? 0 : server.millis();
                ClosedLoopLoad.Outcome outcome = load.run(scenario.getValue(), clients, seconds);
                long[] sorted = outcome.nanos().clone();
                Arrays.sort(sorted);
                Result result = new Result(sorted, outcome.seconds(), outcome.errors());
                double serverCpu = server == null ? Double.NaN
                        : (server.millis() - cpuBefore) / (double) (result.nanos().length + result.errors());
                String cpuPerRequest = server == null ? "-" : String.format("%.2f", serverCpu);
                System.out.printf("%-11s %7d %9.2f %9.2f %9.2f %10.0f %7d %12s %8s%n", scenario.getKey(), clients,
                        result.percentile(0.50), result.percentile(0.99), result.percentile(1.0), result.throughput(),
                        result.errors(), cpuPerRequest, loadAverage());
                String name = scenario.getKey() + ", " + clients + " clients";
                figures.add(name + ": p50", result.percentile(0.50), "ms");
                figures.add(name + ": p99", result.percentile(0.99), "ms");
                figures.add(name + ": throughput", result.throughput(), "req/s");
                figures.add(name + ": errors", result.errors(), "requests");
                if (server != null) {
                    figures.add(name + ": server CPU per request", serverCpu, "ms");
                }
            }
        }
        figures.writeIfRequested();
    }

    /**
     * The serving JVM's CPU time (user + system, from {@code /proc/<pid>/stat}): CPU per request is the figure that
     * stays comparable when other work on a shared machine inflates the latencies.
     */
    record ProcessCpu(Path stat) {
        private static final double MILLIS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

        long millis() throws IOException {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK);
        }
    }

    /** The 1-minute load average, printed with every figure: the machine is shared. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).split(" ")[0] : "-";
    }

    record Result(long[] nanos, double seconds, long errors) {
        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(p * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }

        double throughput() {
            return nanos.length / seconds;
        }
    }

    /**
     * The snapshot users that the published version knows: the ETL drops some users whole, and the app would send
     * those to MAL on demand, which is not the known-user path. One request per user, before the clock starts.
     */
    private static List<String> publishedUsers(URI base, Iterable<String> candidates)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> known = new ArrayList<>();
        for (String user : candidates) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/users/" + user
                    + "/recommendations")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"source\":\"batch\"")) {
                known.add(user);
            }
        }
        return known;
    }

    /** username -> the JSON entries of the user's list (snapshot columns user_id,username,anime_id,score,status,...). */
    private static Map<String, StringBuilder> readLists(Path snapshot) throws IOException {
        Map<String, StringBuilder> lists = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(snapshot)), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("user_id,username,anime_id,score,watching_status")) {
                throw new IOException(snapshot + " is not the snapshot's animelist CSV (header: " + header + ")");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                int status = Integer.parseInt(cells[4].trim());
                if (status < 1 || status >= STATUS.length || STATUS[status].isEmpty()) {
                    continue;
                }
                StringBuilder body = lists.computeIfAbsent(cells[1], user -> new StringBuilder());
                if (body.length() > 0) {
                    body.append(',');
                }
                body.append("{\"anime_id\":").append(cells[2]).append(",\"status\":\"").append(STATUS[status])
                        .append("\",\"score\":").append(cells[3]).append('}');
            }
        }
        return lists;
    }
}
