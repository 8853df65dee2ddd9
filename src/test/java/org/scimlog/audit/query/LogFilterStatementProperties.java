package org.scimlog.audit.query;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.scimlog.filter.Dialect;
import org.scimlog.support.FilterShapes;

/** A System Log filter's SQL depends on the filter's shape only, never on the values it compares with. */
class LogFilterStatementProperties {

    @Property
    void logFilters(@ForAll("shapes") String shape, @ForAll("values") List<String> first, @ForAll("values") List<String> second) {
        FilterShapes.assertSameStatement(shape, first, second, Dialect.OKTA_LOG, LogEventFields.INSTANCE);
    }

    @Provide
    Arbitrary<String> shapes() {
        return FilterShapes.shapes(List.of("eventType", "event_type", "outcome.result", "outcome.reason", "severity",
                "actor.id", "actor.alternateId", "target.id", "target.alternateId", "target.type", "client.ipAddress",
                "debugContext.debugData.requestId", "debugContext.debugData.httpStatus", "transaction.id", "uuid",
                "displayMessage", "request.ipChain.ip"));
    }

    @Provide
    Arbitrary<List<String>> values() {
        return FilterShapes.values();
    }
}
