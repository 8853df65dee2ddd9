package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.ExpectedVersion;
import org.scimlog.directory.ResourceRecord;

/**
 * The writes and reads of any resource type from SCIM request bodies, shared by the resource endpoints and
 * /Bulk so both behave and log alike. Every write event carries, as debugData.httpStatus, the status a single
 * request answers with (201, 200, 204), so a bulk operation's events read the same as a request's. Bodies pass
 * {@link LegacySchemaMarkers} first, here so that Bulk gets the same tolerance.
 */
@Singleton
public class ResourceOperations {

    public ResourceRecord create(ResourceHandler handler, RequestContext context, ObjectNode body) {
        LegacySchemaMarkers.Stripped stripped = LegacySchemaMarkers.fromResource(body, handler.type());
        return handler.directory().create(noting(stripped.ignored(), context.withDebug("httpStatus", "201")),
                handler.create(stripped.body()));
    }

    public ResourceRecord replace(ResourceHandler handler, RequestContext context, UUID id, ExpectedVersion expected,
                                  ObjectNode body) {
        LegacySchemaMarkers.Stripped stripped = LegacySchemaMarkers.fromResource(body, handler.type());
        return handler.directory().update(noting(stripped.ignored(), context.withDebug("httpStatus", "200")), id, expected,
                handler.replace(stripped.body()));
    }

    public ResourceRecord patch(ResourceHandler handler, RequestContext context, UUID id, ExpectedVersion expected,
                                ObjectNode body) {
        return patch(handler, context, id, expected, body, true);
    }

    /** A PATCH answered 200 with the resource, or 204 without it ({@code withResource} false). */
    public ResourceRecord patch(ResourceHandler handler, RequestContext context, UUID id, ExpectedVersion expected,
                                ObjectNode body, boolean withResource) {
        return handler.directory().update(noting(LegacySchemaMarkers.inPatch(body, handler.type()),
                context.withDebug("httpStatus", withResource ? "200" : "204")), id, expected, handler.patch(body));
    }

    private static RequestContext noting(List<String> ignoredSchemas, RequestContext context) {
        return ignoredSchemas.isEmpty() ? context
                : context.withDebug(LegacySchemaMarkers.DEBUG_KEY, String.join(",", ignoredSchemas));
    }

    public void delete(ResourceHandler handler, RequestContext context, UUID id, ExpectedVersion expected) {
        handler.directory().delete(context.withDebug("httpStatus", "204"), id, expected);
    }

    public Optional<ResourceRecord> find(ResourceHandler handler, RequestContext context, UUID id) {
        return handler.directory().find(context.withDebug("httpStatus", "200"), id);
    }
}
