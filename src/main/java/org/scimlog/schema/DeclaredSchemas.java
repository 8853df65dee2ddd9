package org.scimlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.scimlog.json.JsonCodec;

/**
 * What an operator declares in the schemas file: a JSON array of RFC 7643 §7 schema representations and §6
 * resource type representations. A schema with {@code "resourceType"} (default "User") and optional
 * {@code "required"} extends that type; a resource type names its endpoint and, as {@code "schema"}, the URN of
 * a core schema declared in the same file. A bad declaration stops start-up rather than being half-applied.
 */
final class DeclaredSchemas {

    static final String RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final Pattern ENDPOINT = Pattern.compile("/[A-Za-z][A-Za-z0-9_-]{0,62}");
    private static final Pattern TYPE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    /** A resource type declared in the file, before its schemas are attached. */
    record DeclaredType(String id, String name, String endpoint, String description, String schemaUrn) {
    }

    /** An extension schema and the resource type (id) it extends. */
    record DeclaredExtension(String resourceType, SchemaExtension extension) {
    }

    private final String file;
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final List<DeclaredType> types = new ArrayList<>();
    private final List<DeclaredExtension> extensions = new ArrayList<>();

    private DeclaredSchemas(String file) {
        this.file = file;
    }

    static DeclaredSchemas read(String file, JsonCodec json) {
        DeclaredSchemas declared = new DeclaredSchemas(file);
        if (file == null || file.isBlank()) {
            return declared;
        }
        JsonNode array;
        try {
            array = json.read(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read declared schemas from " + file + ": " + e.getMessage(), e);
        }
        if (!array.isArray()) {
            throw declared.invalid("expected a JSON array of schema and resource type representations");
        }
        for (JsonNode node : array) {
            if (isResourceType(node)) {
                declared.types.add(declared.type(node));
            } else {
                declared.schema(node);
            }
        }
        declared.separateCoreSchemas();
        return declared;
    }

    List<DeclaredType> types() {
        return types;
    }

    /** A declared type's core schema. */
    Schema coreSchema(DeclaredType type) {
        return schemas.get(type.schemaUrn());
    }

    /** The extensions declared for {@code resourceType} (an id, case-insensitive). */
    List<SchemaExtension> extensionsOf(String resourceType) {
        return extensions.stream().filter(e -> e.resourceType().equalsIgnoreCase(resourceType))
                .map(DeclaredExtension::extension).toList();
    }

    /** Checks that every extension names a type that is served. */
    void requireServed(Set<String> servedTypeIds) {
        for (DeclaredExtension extension : extensions) {
            if (servedTypeIds.stream().noneMatch(id -> id.equalsIgnoreCase(extension.resourceType()))) {
                throw invalid("resourceType '" + extension.resourceType() + "' of schema '"
                        + extension.extension().schema().id() + "' is not served");
            }
        }
    }

    private static boolean isResourceType(JsonNode node) {
        for (JsonNode urn : node.path("schemas")) {
            if (RESOURCE_TYPE_URN.equals(urn.asText())) {
                return true;
            }
        }
        return node.has("endpoint");
    }

    private DeclaredType type(JsonNode node) {
        String id = node.path("id").asText("");
        if (!TYPE_ID.matcher(id).matches()) {
            throw invalid("resource type id '" + id + "' must be a letter followed by letters, digits or '_'");
        }
        String endpoint = node.path("endpoint").asText("");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw invalid("resource type '" + id + "': endpoint '" + endpoint + "' must be '/' and a name");
        }
        if (SchemaRegistry.isReservedEndpoint(endpoint)) {
            throw invalid("resource type '" + id + "': endpoint '" + endpoint + "' is reserved");
        }
        for (DeclaredType other : types) {
            if (other.id().equalsIgnoreCase(id) || other.endpoint().equalsIgnoreCase(endpoint)) {
                throw invalid("resource type '" + id + "' is declared twice (id or endpoint)");
            }
        }
        if (id.equalsIgnoreCase(SchemaRegistry.USER_RESOURCE) || id.equalsIgnoreCase(SchemaRegistry.GROUP_RESOURCE)) {
            throw invalid("resource type '" + id + "' is built in");
        }
        String schema = node.path("schema").asText("");
        if (schema.isBlank()) {
            throw invalid("resource type '" + id + "' names no \"schema\"");
        }
        return new DeclaredType(id, node.path("name").asText(id), endpoint, node.path("description").asText(id), schema);
    }

    private void schema(JsonNode node) {
        Schema schema;
        try {
            schema = SchemaJson.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (schemas.keySet().stream().anyMatch(urn -> urn.equalsIgnoreCase(schema.id()))) {
            throw invalid("schema '" + schema.id() + "' is declared twice");
        }
        schemas.put(schema.id(), schema);
        extensions.add(new DeclaredExtension(node.path("resourceType").asText(SchemaRegistry.USER_RESOURCE),
                new SchemaExtension(schema, node.path("required").asBoolean(false))));
    }

    /** A schema a declared type names as its own is its core schema, not an extension of another type. */
    private void separateCoreSchemas() {
        for (DeclaredType type : types) {
            if (!schemas.containsKey(type.schemaUrn())) {
                throw invalid("resource type '" + type.id() + "' names schema '" + type.schemaUrn()
                        + "', which the file does not declare");
            }
            extensions.removeIf(e -> e.extension().schema().id().equals(type.schemaUrn()));
        }
    }

    private IllegalStateException invalid(String problem) {
        return new IllegalStateException(file + ": " + problem);
    }
}
