package org.scimlog.scim.bulk;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.directory.DirectoryException;
import org.scimlog.directory.GroupRecord;
import org.scimlog.directory.UserRecord;
import org.scimlog.scim.ETags;
import org.scimlog.scim.GroupResources;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.scim.UserResources;
import org.scimlog.scim.error.DirectoryExceptionHandler;
import org.scimlog.scim.error.RejectionRecorder;
import org.scimlog.scim.error.ScimErrors;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.patch.PatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one bulk operation through the same writes as /Users and /Groups: its own transaction, its own
 * System Log events (marked with the operation's index), and on failure the same rejection event and
 * error body a single request would get.
 */
@Singleton
class OperationExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(OperationExecutor.class);

    private final UserResources users;
    private final GroupResources groups;
    private final ResourceLocations locations;
    private final RejectionRecorder rejections;

    OperationExecutor(UserResources users, GroupResources groups, ResourceLocations locations,
                      RejectionRecorder rejections) {
        this.users = users;
        this.groups = groups;
        this.locations = locations;
        this.rejections = rejections;
    }

    /** {@code operation} has its bulkId references resolved already. */
    OperationResult run(RequestContext bulkContext, BulkOperation operation) {
        RequestContext context = contextOf(bulkContext, operation);
        try {
            OperationCall call = OperationCall.of(operation);
            Written written = write(context, call);
            String location = locations.of(call.endpoint().path(), written.id());
            return switch (call.method()) {
                case POST -> OperationResult.success(operation, 201, location, ETags.of(written.version()),
                        written.id().toString());
                case PUT, PATCH -> OperationResult.success(operation, 200, location, ETags.of(written.version()), null);
                case DELETE -> OperationResult.success(operation, 204, location, null, null);
            };
        } catch (ScimException e) {
            return failed(context, operation, e);
        } catch (PatchException e) {
            return failed(context, operation, ScimException.badRequest(e.scimType(), e.detail()));
        } catch (DirectoryException e) {
            return failed(context, operation, DirectoryExceptionHandler.toScim(e));
        } catch (RuntimeException e) {
            // One operation's fault must not cost the client the answers of the ones that already committed.
            LOG.error("bulk request {}: {} failed", bulkContext.requestId(), operation.name(), e);
            return failed(context, operation, new ScimException(500, null, ScimErrors.standardDetail(500)));
        }
    }

    /** An operation that fails without running: its error is answered and recorded like any other. */
    OperationResult refuse(RequestContext bulkContext, BulkOperation operation, ScimException error) {
        return failed(contextOf(bulkContext, operation), operation, error);
    }

    private OperationResult failed(RequestContext context, BulkOperation operation, ScimException error) {
        Optional<ResourcePath> path = ResourcePath.parse(operation.path()).filter(p -> p.id() != null);
        List<Target> targets = path.map(p -> List.of(Target.of(p.id(), p.endpoint().targetType(), null, null)))
                .orElse(List.of());
        rejections.record(context, targets, error.status(), error.scimType(), error.detail());
        String location = path.map(p -> locations.of(p.endpoint().path(), p.id())).orElse(null);
        return OperationResult.failure(operation, location, error);
    }

    private Written write(RequestContext context, OperationCall call) {
        return switch (call.endpoint()) {
            case USERS -> switch (call.method()) {
                case POST -> Written.of(users.create(context, call.data()));
                case PUT -> Written.of(users.replace(context, call.id(), call.expected(), call.data()));
                case PATCH -> Written.of(users.patch(context, call.id(), call.expected(), call.data()));
                case DELETE -> {
                    users.delete(context, call.id(), call.expected());
                    yield new Written(call.id(), 0);
                }
            };
            case GROUPS -> switch (call.method()) {
                case POST -> Written.of(groups.create(context, call.data()));
                case PUT -> Written.of(groups.replace(context, call.id(), call.expected(), call.data()));
                case PATCH -> Written.of(groups.patch(context, call.id(), call.expected(), call.data()));
                case DELETE -> {
                    groups.delete(context, call.id(), call.expected());
                    yield new Written(call.id(), 0);
                }
            };
        };
    }

    private static RequestContext contextOf(RequestContext bulkContext, BulkOperation operation) {
        return bulkContext.withDebug("bulkOperation", operation.index());
    }

    /** The resource a write left behind; a deleted one keeps only its id. */
    private record Written(UUID id, long version) {
        static Written of(UserRecord user) {
            return new Written(user.id(), user.version());
        }

        static Written of(GroupRecord group) {
            return new Written(group.id(), group.version());
        }
    }
}
