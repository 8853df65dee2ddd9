package org.scimlog.schema;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimlog.json.JsonCodec;

/**
 * The resource types this server serves and their schemas: RFC 7643's User and Group, the Enterprise User
 * extension, and what an operator declares in a JSON file (see {@link DeclaredSchemas}): extension schemas of
 * User, Group or a declared type, and resource types of their own.
 */
@Singleton
public class SchemaRegistry {

    public static final String USER_RESOURCE = "User";
    public static final String GROUP_RESOURCE = "Group";

    /** Endpoints RFC 7644 and this server already give a meaning; no declared type may take one. */
    private static final Set<String> RESERVED_ENDPOINTS = Set.of("/users", "/groups", "/bulk", "/me", "/schemas",
            "/resourcetypes", "/serviceproviderconfig", "/.search");

    private final Map<String, ResourceType> resourceTypes = new LinkedHashMap<>();

    /** Whether {@code endpoint} ("/Bulk") belongs to RFC 7644 or this server, whatever its case. */
    public static boolean isReservedEndpoint(String endpoint) {
        return RESERVED_ENDPOINTS.contains(endpoint.toLowerCase(Locale.ROOT));
    }

    /** Without a codec of the application's: for tests and tools that build a registry by hand. */
    public SchemaRegistry(@Nullable String declarationsFile) {
        this(declarationsFile, new JsonCodec());
    }

    @Inject
    public SchemaRegistry(@Nullable @Value("${scimlog.scim.extension-schemas-file:}") String declarationsFile, JsonCodec json) {
        DeclaredSchemas declared = DeclaredSchemas.read(declarationsFile, json);
        List<SchemaExtension> userExtensions = new ArrayList<>();
        userExtensions.add(new SchemaExtension(CoreSchemas.enterpriseUser(), false));
        userExtensions.addAll(declared.extensionsOf(USER_RESOURCE));
        register(new ResourceType(USER_RESOURCE, USER_RESOURCE, "/Users", "User Account",
                CoreSchemas.user(), userExtensions));
        register(new ResourceType(GROUP_RESOURCE, GROUP_RESOURCE, "/Groups", "Group", CoreSchemas.group(),
                declared.extensionsOf(GROUP_RESOURCE)));
        for (DeclaredSchemas.DeclaredType type : declared.types()) {
            register(new ResourceType(type.id(), type.name(), type.endpoint(), type.description(),
                    declared.coreSchema(type), declared.extensionsOf(type.id())));
        }
        declared.requireServed(resourceTypes.keySet());
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

    /** The types declared in configuration (neither User nor Group). */
    public List<ResourceType> declaredTypes() {
        return resourceTypes.values().stream().filter(t -> t != user() && t != group()).toList();
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
}
