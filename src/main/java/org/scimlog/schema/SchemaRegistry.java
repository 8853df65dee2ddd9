package org.scimlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types this server serves and their schemas: RFC 7643's own, plus extension schemas an
 * operator declares in a JSON file (an array of RFC 7643 §7 schema representations, each optionally
 * with "resourceType" and "required"). A bad declaration stops start-up rather than being half-applied.
 */
@Singleton
public class SchemaRegistry {

    public static final String USER_RESOURCE = "User";
    public static final String GROUP_RESOURCE = "Group";

    private final Map<String, ResourceType> resourceTypes = new LinkedHashMap<>();

    public SchemaRegistry(@Nullable @Value("${scimlog.scim.extension-schemas-file:}") String extensionFile) {
        List<SchemaExtension> userExtensions = new ArrayList<>();
        userExtensions.add(new SchemaExtension(CoreSchemas.enterpriseUser(), false));
        userExtensions.addAll(loadExtensions(extensionFile));
        register(new ResourceType(USER_RESOURCE, USER_RESOURCE, "/Users", "User Account",
                CoreSchemas.user(), userExtensions));
        register(new ResourceType(GROUP_RESOURCE, GROUP_RESOURCE, "/Groups", "Group", CoreSchemas.group(), List.of()));
    }

    private void register(ResourceType type) {
        resourceTypes.put(type.id(), type);
    }

    public ResourceType user() {
        return resourceTypes.get(USER_RESOURCE);
    }

    public ResourceType group() {
        return resourceTypes.get(GROUP_RESOURCE);
    }

    public Collection<ResourceType> resourceTypes() {
        return resourceTypes.values();
    }

    public Optional<ResourceType> resourceType(String id) {
        return resourceTypes.values().stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
    }

    public List<Schema> schemas() {
        List<Schema> all = new ArrayList<>();
        for (ResourceType type : resourceTypes.values()) {
            all.add(type.schema());
            type.extensions().forEach(e -> all.add(e.schema()));
        }
        return all;
    }

    public Optional<Schema> schema(String urn) {
        return schemas().stream().filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
    }

    private static List<SchemaExtension> loadExtensions(String file) {
        if (file == null || file.isBlank()) {
            return List.of();
        }
        JsonNode declared;
        try {
            declared = new ObjectMapper().readTree(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read extension schemas from " + file + ": " + e.getMessage(), e);
        }
        if (!declared.isArray()) {
            throw new IllegalStateException(file + ": expected a JSON array of schema representations");
        }
        List<SchemaExtension> extensions = new ArrayList<>();
        for (JsonNode node : declared) {
            String resourceType = node.path("resourceType").asText(USER_RESOURCE);
            if (!USER_RESOURCE.equalsIgnoreCase(resourceType)) {
                throw new IllegalStateException(file + ": resourceType '" + resourceType + "' is not served");
            }
            try {
                extensions.add(new SchemaExtension(SchemaJson.fromJson(node), node.path("required").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        }
        return extensions;
    }
}
