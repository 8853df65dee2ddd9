package org.scimlog.scim;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.scimlog.security.Caller;

/**
 * {@code scimlog_scim_requests_seconds{resource_type, operation, status, tenant}}: every SCIM request, timed from
 * the first filter to the response, as a histogram with fixed service-level buckets (5 ms to 10 s) so that
 * {@code histogram_quantile} gives p50/p99 per operation and tenant at a dozen series each. Labels stay bounded:
 * the resource type comes from the configured types ({@link ScimRoute}), the operation from the events the request
 * committed ({@link LifecycleOperation}), the tenant is the tenant's name, which only operators create (turn it off
 * with {@code scimlog.metrics.tenant-label: false} for thousands of tenants: the label is then {@code all}), and
 * {@code none} for requests without a valid token. Each timer is built once and kept by its labels: building it per
 * request (an id, sorted tags, a registry look-up and a histogram configuration) cost every request.
 */
@ServerFilter(ResourceLocations.SCIM_PATH + "/**")
public class ScimRequestMetrics implements Ordered {

    private static final String STARTED = "scimlog.metrics.started";
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final ResourceHandlers handlers;
    private final boolean tenantLabel;
    private final Map<Labels, Timer> timers = new ConcurrentHashMap<>();

    private record Labels(String resourceType, String operation, int status, String tenant) {
    }

    public ScimRequestMetrics(MeterRegistry registry, ResourceHandlers handlers,
                              @Value("${scimlog.metrics.tenant-label:true}") boolean tenantLabel) {
        this.registry = registry;
        this.handlers = handlers;
        this.tenantLabel = tenantLabel;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        ScimRoute route = ScimRoute.of(request.getPath(), handlers);
        LifecycleOperation operation = LifecycleOperation.of(route, request.getMethodName(), RequestEventTypes.of(request));
        timers.computeIfAbsent(new Labels(route.resourceType(), operation.label(), response.code(), tenant(request)),
                        this::timer)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Labels labels) {
        return Timer.builder("scimlog.scim.requests")
                .description("SCIM requests by resource type, lifecycle operation, HTTP status and tenant")
                .tag("resource_type", labels.resourceType())
                .tag("operation", labels.operation())
                .tag("status", Integer.toString(labels.status()))
                .tag("tenant", labels.tenant())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private String tenant(HttpRequest<?> request) {
        if (!tenantLabel) {
            return "all";
        }
        return request.getUserPrincipal(Authentication.class)
                .map(a -> a.getAttributes().get(Caller.ATTRIBUTE))
                .filter(Caller.class::isInstance)
                .map(c -> ((Caller) c).tenantName())
                .orElse("none");
    }

    /** Right after {@link RequestIds}: the clock starts before security and ends after every other filter. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 2;
    }
}
