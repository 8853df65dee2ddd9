package org.scimlog.scim.bulk;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.database.DatabaseFailures;
import org.scimlog.database.SafeFailure;
import org.scimlog.directory.DirectoryException;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.scim.ETags;
import org.scimlog.scim.ResourceHandler;
import org.scimlog.scim.ResourceHandlers;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.scim.ResourceOperations;
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

    private final ResourceHandlers handlers;
    private final ResourceOperations operations;
    private final ResourceLocations locations;
    private final RejectionRecorder rejections;

    OperationExecutor(ResourceHandlers handlers, ResourceOperations operations, ResourceLocations locations,
                      RejectionRecorder rejections) {
        this.handlers = handlers;
        this.operations = operations;
        this.locations = locations;
        this.rejections = rejections;
    }

    /** {@code operation} has its bulkId references resolved already. */
    OperationResult run(RequestContext bulkContext, BulkOperation operation) {
        RequestContext context = contextOf(bulkContext, operation);
        try {
            OperationCall call = OperationCall.of(operation, handlers);
            Written written = write(context, call);
            String location = locations.of(call.handler().type().endpoint(), written.id());
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
            if (DatabaseFailures.isTransient(e)) {
                LOG.warn("bulk request {}: {} answered 503: {}", bulkContext.requestId(), operation.name(),
                        SafeFailure.describe(e));
                return failed(context, operation, new ScimException(503, null,
                        "The service is temporarily unavailable; retry the operation later."));
            }
            if (SafeFailure.sqlCause(e) != null) {
                LOG.error("bulk request {}: {} failed: {}", bulkContext.requestId(), operation.name(), SafeFailure.describe(e));
            } else {
                LOG.error("bulk request {}: {} failed", bulkContext.requestId(), operation.name(), e);
            }
            return failed(context, operation, new ScimException(500, null, ScimErrors.standardDetail(500)));
        }
    }

    /** An operation that fails without running: its error is answered and recorded like any other. */
    OperationResult refuse(RequestContext bulkContext, BulkOperation operation, ScimException error) {
        return failed(contextOf(bulkContext, operation), operation, error);
    }

    private OperationResult failed(RequestContext context, BulkOperation operation, ScimException error) {
        Optional<ResourcePath> resource = ResourcePath.parse(operation.path(), handlers);
        Optional<ResourcePath> path = resource.filter(p -> p.id() != null);
        List<Target> targets = path.map(p -> rejections.targetOf(context, p.handler().directory(), p.id()))
                .or(() -> resource.filter(p -> BulkMethod.of(operation.method()).orElse(null) == BulkMethod.POST)
                        .flatMap(p -> rejections.targetNamedBy(p.handler().directory(), operation.data())))
                .map(List::of).orElse(List.of());
        rejections.record(context, targets, error.status(), error.scimType(), error.detail());
        String location = path.map(p -> locations.of(p.handler().type().endpoint(), p.id())).orElse(null);
        return OperationResult.failure(operation, location, error);
    }

    private Written write(RequestContext context, OperationCall call) {
        ResourceHandler handler = call.handler();
        return switch (call.method()) {
            case POST -> Written.of(operations.create(handler, context, call.data()));
            case PUT -> Written.of(operations.replace(handler, context, call.id(), call.expected(), call.data()));
            case PATCH -> Written.of(operations.patch(handler, context, call.id(), call.expected(), call.data()));
            case DELETE -> {
                operations.delete(handler, context, call.id(), call.expected());
                yield new Written(call.id(), 0);
            }
        };
    }

    private static RequestContext contextOf(RequestContext bulkContext, BulkOperation operation) {
        return bulkContext.withDebug("bulkOperation", operation.index());
    }

    /** The resource a write left behind; a deleted one keeps only its id. */
    private record Written(UUID id, long version) {
        static Written of(ResourceRecord record) {
            return new Written(record.id(), record.version());
        }
    }
}
