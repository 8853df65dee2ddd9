package org.scimlog.scim.bulk;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimlog.audit.RequestContext;

/**
 * Runs the operations of a bulk request one after another, each committed on its own: RFC 7644 §3.7 does
 * not make a bulk request atomic, so a failure leaves the others as they are. Results are listed in the
 * order the operations ran; after failOnErrors errors the rest are neither run nor listed.
 */
@Singleton
class BulkProcessor {

    private final OperationExecutor executor;

    BulkProcessor(OperationExecutor executor) {
        this.executor = executor;
    }

    List<OperationResult> process(RequestContext context, BulkRequest request) {
        ExecutionOrder order = new ExecutionOrder(request.operations());
        List<OperationResult> results = new ArrayList<>();
        int errors = 0;
        for (Optional<ExecutionOrder.Step> step = order.next(); step.isPresent(); step = order.next()) {
            OperationResult result = run(context, order, step.get());
            results.add(result);
            if (result.failed()) {
                order.failed(step.get().operation());
                errors++;
                if (request.failOnErrors() != null && errors >= request.failOnErrors()) {
                    break;
                }
            } else if (result.createdId() != null) {
                order.created(step.get().operation(), result.createdId());
            }
        }
        return results;
    }

    private OperationResult run(RequestContext context, ExecutionOrder order, ExecutionOrder.Step step) {
        if (step.refusal() != null) {
            return executor.refuse(context, step.operation(), step.refusal());
        }
        return executor.run(context, order.resolved(step.operation()));
    }
}
