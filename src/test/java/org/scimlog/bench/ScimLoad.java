package org.scimlog.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads a running scimlog with N concurrent clients: first POST /Users (Okta's create body), then
 * GET /Users?filter=userName eq "..." over the users just made, and prints requests/s and p50/p99.
 * Usage: ScimLoad <scimBaseUrl> <token> [clients=16] [secondsPerPhase=20]
 */
public final class ScimLoad {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private ScimLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        ConcurrentLinkedQueue<String> userNames = new ConcurrentLinkedQueue<>();

        warmUp(http, base, token, run);
        report(phase("POST /Users", clients, seconds, () -> {
            String userName = "bench." + run + "." + SEQUENCE.incrementAndGet() + "@example.com";
            HttpResponse<Void> response = http.send(create(base, token, userName), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 201) {
                userNames.add(userName);
                return true;
            }
            return false;
        }));

        List<String> known = new ArrayList<>(userNames);
        report(phase("GET filter userName eq", clients, seconds, () -> {
            String userName = known.get(ThreadLocalRandom.current().nextInt(known.size()));
            HttpResponse<String> response = http.send(lookup(base, token, userName), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"totalResults\":1");
        }));
    }

    private static void warmUp(HttpClient http, String base, String token, String run) throws Exception {
        for (int i = 0; i < 2000; i++) {
            String userName = "warmup." + run + "." + i + "@example.com";
            http.send(create(base, token, userName), HttpResponse.BodyHandlers.discarding());
            http.send(lookup(base, token, userName), HttpResponse.BodyHandlers.discarding());
        }
    }

    interface Call {
        boolean run() throws Exception;
    }

    private static LatencyRecorder.Summary phase(String name, int clients, int seconds, Call call) throws InterruptedException {
        LatencyRecorder[] recorders = new LatencyRecorder[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        for (int i = 0; i < clients; i++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders[i] = recorder;
            threads[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        if (call.run()) {
                            recorder.record(System.nanoTime() - t0);
                        } else {
                            recorder.error();
                        }
                    } catch (Exception e) {
                        recorder.error();
                    }
                }
            }, "client-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return LatencyRecorder.summarise(name, (System.nanoTime() - start) / 1e9, recorders);
    }

    private static HttpRequest create(String base, String token, String userName) {
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Bench","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Bench User","locale":"en-US","externalId":"00u%s","groups":[],
                 "password":"1mz050nq","active":true}""".formatted(userName, userName, SEQUENCE.get());
        return HttpRequest.newBuilder(URI.create(base + "/Users"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json")
                .header("User-Agent", "Okta SCIM Client 1.0.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest lookup(String base, String token, String userName) {
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8).replace("+", "%20");
        return HttpRequest.newBuilder(URI.create(base + "/Users?filter=" + filter + "&startIndex=1&count=100"))
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "Okta SCIM Client 1.0.0")
                .GET().build();
    }

    @SuppressWarnings("java:S106")
    private static void report(LatencyRecorder.Summary summary) {
        System.out.println(summary);
    }
}
