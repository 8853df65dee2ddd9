package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;
import org.scimlog.schema.SchemaJson;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.bulk.BulkSettings;
import org.scimlog.scim.error.ScimException;

/**
 * RFC 7644 §4 discovery. It describes the server, not a tenant's data, so it is open to anonymous callers
 * (the RFC allows it) and tools can read it before they hold a token.
 */
@Controller(ResourceLocations.SCIM_PATH)
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(SecurityRule.IS_ANONYMOUS)
public class DiscoveryController {

    private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private final SchemaRegistry registry;
    private final ScimJson json;
    private final ScimResponses responses;
    private final ResourceLocations locations;
    private final ListSettings listSettings;
    private final BulkSettings bulkSettings;
    private final CursorSettings cursorSettings;

    public DiscoveryController(SchemaRegistry registry, ScimJson json, ScimResponses responses,
                               ResourceLocations locations, ListSettings listSettings, BulkSettings bulkSettings,
                               CursorSettings cursorSettings) {
        this.registry = registry;
        this.json = json;
        this.responses = responses;
        this.locations = locations;
        this.listSettings = listSettings;
        this.bulkSettings = bulkSettings;
        this.cursorSettings = cursorSettings;
    }

    @Get("/ServiceProviderConfig")
    public HttpResponse<byte[]> serviceProviderConfig() {
        ObjectNode config = json.object();
        config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        config.put("documentationUri", "https://github.com/scimlog/scimlog#readme");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", true)
                .put("maxOperations", bulkSettings.maxOperations())
                .put("maxPayloadSize", bulkSettings.maxPayloadBytes());
        config.putObject("filter").put("supported", true).put("maxResults", listSettings.maxCount());
        // Passwords are accepted and the change is recorded, but never stored or returned.
        config.putObject("changePassword").put("supported", true);
        config.putObject("sort").put("supported", true);
        config.putObject("etag").put("supported", true);
        // RFC 9865 §4: both paging methods; startIndex stays the default so existing clients see no change
        config.putObject("pagination").put("cursor", true).put("index", true)
                .put("defaultPaginationMethod", "index")
                .put("defaultPageSize", listSettings.defaultCount())
                .put("maxPageSize", listSettings.maxCount())
                .put("cursorTimeout", cursorSettings.lifetime().toSeconds());
        ArrayNode schemes = config.putArray("authenticationSchemes");
        schemes.addObject()
                .put("type", "oauthbearertoken")
                .put("name", "Bearer token")
                .put("description", "A scimlog API token in 'Authorization: Bearer <token>', issued with 'tenant create'.")
                .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750")
                .put("primary", true);
        ObjectNode meta = config.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", locations.scimBaseUrl() + "/ServiceProviderConfig");
        return responses.ok(config);
    }

    @Get("/Schemas")
    public HttpResponse<byte[]> schemas(@Nullable @QueryValue String filter) {
        refuseFilter(filter);
        return responses.ok(list(registry.schemas().stream().map(this::schema).toList()));
    }

    @Get("/Schemas/{id}")
    public HttpResponse<byte[]> schema(@PathVariable String id) {
        return responses.ok(registry.schema(id).map(this::schema)
                .orElseThrow(() -> ScimException.notFound("Schema '" + id + "' not found.")));
    }

    @Get("/ResourceTypes")
    public HttpResponse<byte[]> resourceTypes(@Nullable @QueryValue String filter) {
        refuseFilter(filter);
        return responses.ok(list(registry.resourceTypes().stream().map(this::resourceType).toList()));
    }

    @Get("/ResourceTypes/{id}")
    public HttpResponse<byte[]> resourceType(@PathVariable String id) {
        return responses.ok(registry.resourceType(id).map(this::resourceType)
                .orElseThrow(() -> ScimException.notFound("Resource type '" + id + "' not found.")));
    }

    private ObjectNode schema(Schema schema) {
        ObjectNode node = SchemaJson.toJson(schema);
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Schema");
        meta.put("location", locations.scimBaseUrl() + "/Schemas/" + schema.id());
        return node;
    }

    private ObjectNode resourceType(ResourceType type) {
        ObjectNode node = json.object();
        node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
        node.put("id", type.id());
        node.put("name", type.name());
        node.put("endpoint", type.endpoint());
        node.put("description", type.description());
        node.put("schema", type.schema().id());
        ArrayNode extensions = node.putArray("schemaExtensions");
        type.extensions().forEach(e -> extensions.addObject().put("schema", e.schema().id()).put("required", e.required()));
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "ResourceType");
        meta.put("location", locations.scimBaseUrl() + "/ResourceTypes/" + type.id());
        return node;
    }

    private ObjectNode list(List<ObjectNode> resources) {
        ObjectNode body = json.object();
        body.putArray("schemas").add(LIST_RESPONSE);
        body.put("totalResults", resources.size());
        body.put("startIndex", 1);
        body.put("itemsPerPage", resources.size());
        body.putArray("Resources").addAll(resources);
        return body;
    }

    /** RFC 7644 §4: discovery endpoints do not filter, and say so with 403. */
    private static void refuseFilter(@Nullable String filter) {
        if (filter != null && !filter.isBlank()) {
            throw new ScimException(403, null, "Filtering is not supported on discovery endpoints.");
        }
    }
}
