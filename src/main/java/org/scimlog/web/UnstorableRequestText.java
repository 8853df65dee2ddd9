package org.scimlog.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.scimlog.audit.query.LogQueryException;
import org.scimlog.audit.query.OktaError;
import org.scimlog.filter.StorableText;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Refuses a request whose path or query parameters hold text PostgreSQL cannot store (a NUL, "%00"; see
 * {@link StorableText}), in one place, before any controller passes it to a query, a log event or an error
 * detail that is itself recorded. Under /api/ the refusal is Okta's (E0000053 for a filter, E0000001 for
 * anything else), under /scim/ SCIM's (invalidFilter for a filter, invalidValue for anything else). It runs
 * after authentication, so a caller without a credential still gets 401 and a refusal is recorded for the
 * caller's tenant.
 */
@ServerFilter("/**")
public class UnstorableRequestText implements Ordered {

    private static final String FILTER = "filter";

    @RequestFilter
    public void check(HttpRequest<?> request) {
        String path = request.getPath();
        OptionalInt inPath = StorableText.firstUnstorable(path);
        if (inPath.isPresent() || request.getUri().getRawPath().toLowerCase().contains("%00")) {
            String what = inPath.isPresent() ? StorableText.problemAt(path, inPath.getAsInt()) : "contains a NUL character (%00)";
            throw refusal(request, "path", "The request path " + what + "; no resource has such a name.");
        }
        for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
            String name = parameter.getKey();
            OptionalInt inName = StorableText.firstUnstorable(name);
            if (inName.isPresent()) {
                throw refusal(request, "query", "A query parameter name " + StorableText.problemAt(name, inName.getAsInt())
                        + "; such text cannot be stored.");
            }
            for (String value : parameter.getValue()) {
                OptionalInt bad = StorableText.firstUnstorable(value);
                if (bad.isPresent()) {
                    throw refusal(request, name, "'" + name + "' " + StorableText.problemAt(value, bad.getAsInt())
                            + "; such text cannot be stored.");
                }
            }
        }
    }

    private static RuntimeException refusal(HttpRequest<?> request, String parameter, String detail) {
        if (request.getPath().startsWith(ErrorBodies.OKTA_API_PREFIX)) {
            OktaError error = FILTER.equals(parameter) ? OktaError.INVALID_FILTER : OktaError.INVALID_PARAMETER;
            return new LogQueryException(error, error.summary() + ": " + detail, List.of(parameter + ": " + detail));
        }
        return ScimException.badRequest(FILTER.equals(parameter) ? ScimType.INVALID_FILTER : ScimType.INVALID_VALUE, detail);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
