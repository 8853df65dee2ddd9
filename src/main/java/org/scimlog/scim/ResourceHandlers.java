package org.scimlog.scim;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimlog.directory.Memberships;
import org.scimlog.directory.ResourceDirectories;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.schema.SchemaRegistry;

/**
 * Every resource type served, by endpoint: Bulk, the root .search, the declared types' endpoints and the
 * rejection recorder look types up here, so none of them spells out "/Users" or "/Groups".
 */
@Singleton
public class ResourceHandlers {

    private final ResourceHandler users;
    private final ResourceHandler groups;
    private final List<ResourceHandler> all;

    public ResourceHandlers(ResourceDirectories directories, DocumentValidator validator,
                            ResourceRepresentation representation, Memberships memberships,
                            ResourceLocations locations, SchemaRegistry registry,
                            GroupResponseSettings groupResponses) {
        this.users = new UserHandler(directories.users(), validator, representation, memberships, locations,
                registry.group().endpoint());
        this.groups = new GroupHandler(directories.groups(), validator, representation, memberships, locations, registry,
                groupResponses);
        List<ResourceHandler> served = new ArrayList<>(List.of(users, groups));
        for (ResourceDirectory directory : directories.all()) {
            if (directory != directories.users() && directory != directories.groups()) {
                served.add(new DocumentHandler(directory, validator, representation));
            }
        }
        this.all = List.copyOf(served);
    }

    public ResourceHandler users() {
        return users;
    }

    public ResourceHandler groups() {
        return groups;
    }

    /** In the order /.search lists them: Users, Groups, then the declared types. */
    public List<ResourceHandler> all() {
        return all;
    }

    /** The type served at {@code endpoint} ("/Users"); endpoints are case-sensitive, as URL paths are. */
    public Optional<ResourceHandler> atEndpoint(String endpoint) {
        return all.stream().filter(h -> h.type().endpoint().equals(endpoint)).findFirst();
    }
}
