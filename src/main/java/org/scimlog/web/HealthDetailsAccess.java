package org.scimlog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.authentication.Authentication;
import java.security.Principal;
import java.util.Locale;
import org.scimlog.security.Scopes;

/**
 * {@code /health} with its details (Kafka servers, held partitions and readers, job failures, timings) only for a
 * credential holding {@code admin}; anyone else, a load balancer included, gets the status alone. Micronaut's own
 * choices are all or any authenticated caller, and a tenant's SCIM token must not learn the infrastructure.
 * {@code scimlog.health.details}: {@code admin} (default), {@code anonymous} (a private network), {@code never}.
 */
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
@Replaces(HealthEndpoint.class)
public class HealthDetailsAccess extends HealthEndpoint {

    private final String visibleTo;

    public HealthDetailsAccess(HealthAggregator<HealthResult> healthAggregator, HealthIndicator[] healthIndicators,
                               @Liveness HealthIndicator[] livenessHealthIndicators,
                               @Value("${scimlog.health.details:admin}") String visibleTo) {
        super(healthAggregator, healthIndicators, livenessHealthIndicators);
        this.visibleTo = visibleTo.trim().toLowerCase(Locale.ROOT);
        if (!this.visibleTo.equals("admin") && !this.visibleTo.equals("anonymous") && !this.visibleTo.equals("never")) {
            throw new IllegalArgumentException("scimlog.health.details must be admin, anonymous or never");
        }
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(Principal principal) {
        boolean details = switch (visibleTo) {
            case "anonymous" -> true;
            case "admin" -> principal instanceof Authentication a && a.getRoles().contains(Scopes.ADMIN);
            default -> false;
        };
        return details ? HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS : HealthLevelOfDetail.STATUS;
    }
}
