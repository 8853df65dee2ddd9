package org.scimlog.scim.bulk;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Decides which operation of a bulk request runs next. Operations run in the order given, except that one
 * referring to a bulkId waits until the POST that creates it has run, so clients may list them in any order
 * (RFC 7644 §3.7.2). An operation that can never run is handed out with the reason it must fail.
 */
final class ExecutionOrder {

    /** The operation to run now; a non-null refusal means it fails with that error instead of running. */
    record Step(BulkOperation operation, @Nullable ScimException refusal) {
    }

    private final LinkedList<BulkOperation> pending;
    private final Map<String, BulkOperation> creators = new HashMap<>();
    private final Map<Integer, BulkOperation> firstUses = new HashMap<>();
    private final Map<Integer, Set<String>> references = new HashMap<>();
    private final Map<String, String> createdIds = new HashMap<>();
    private final Set<String> failedBulkIds = new HashSet<>();

    ExecutionOrder(List<BulkOperation> operations) {
        this.pending = new LinkedList<>(operations);
        Map<String, BulkOperation> declared = new HashMap<>();
        for (BulkOperation operation : operations) {
            // read once: an operation may be looked at again each time another one runs
            references.put(operation.index(), BulkIdReferences.in(operation));
            if (operation.bulkId() == null) {
                continue;
            }
            BulkOperation first = declared.putIfAbsent(operation.bulkId(), operation);
            if (first != null) {
                firstUses.put(operation.index(), first);
            } else if (operation.isPost()) {
                creators.put(operation.bulkId(), operation);
            }
        }
    }

    Optional<Step> next() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        for (BulkOperation operation : pending) {
            Optional<Step> step = stepIfReady(operation);
            if (step.isPresent()) {
                pending.remove(operation);
                return step;
            }
        }
        // Every operation left waits for another one left: a cycle (or waits on one). RFC 7644 §3.7.1 lets
        // the server stop after a failed attempt to resolve it and answer 409 Conflict; this one does not
        // attempt (it would mean creating a resource without the reference and patching it in afterwards).
        // Failing the first breaks the cycle: the others then fail as unresolvable, each with its own reason.
        BulkOperation first = pending.removeFirst();
        return Optional.of(new Step(first, conflict(first.name() + " is part of a circular bulkId reference ("
                + String.join(", ", waitingFor(first)) + ") that this server does not resolve.")));
    }

    /** A POST that created its resource: references to its bulkId now resolve to {@code id}. */
    void created(BulkOperation operation, String id) {
        if (isCreator(operation)) {
            createdIds.put(operation.bulkId(), id);
        }
    }

    void failed(BulkOperation operation) {
        if (isCreator(operation)) {
            failedBulkIds.add(operation.bulkId());
        }
    }

    /** Resolves the operation's bulkId references; only called for operations {@link #next()} let run. */
    BulkOperation resolved(BulkOperation operation) {
        return BulkIdReferences.resolve(operation, createdIds);
    }

    private Optional<Step> stepIfReady(BulkOperation operation) {
        BulkOperation firstUse = firstUses.get(operation.index());
        if (firstUse != null) {
            return Optional.of(new Step(operation, ScimException.badRequest(ScimType.INVALID_VALUE, "bulkId '"
                    + operation.bulkId() + "' is already used by " + firstUse.name() + "; bulkIds must be unique.")));
        }
        for (String bulkId : references.get(operation.index())) {
            BulkOperation creator = creators.get(bulkId);
            if (creator == null) {
                return Optional.of(new Step(operation, conflict("bulkId '" + bulkId
                        + "' cannot be resolved: no POST in this request has it.")));
            }
            if (failedBulkIds.contains(bulkId)) {
                return Optional.of(new Step(operation, conflict("bulkId '" + bulkId + "' cannot be resolved: "
                        + creator.name() + ", which creates it, failed.")));
            }
            if (!createdIds.containsKey(bulkId)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Step(operation, null));
    }

    private List<String> waitingFor(BulkOperation operation) {
        List<String> waits = new ArrayList<>();
        for (String bulkId : references.get(operation.index())) {
            if (!createdIds.containsKey(bulkId)) {
                waits.add("bulkId '" + bulkId + "'");
            }
        }
        return waits;
    }

    private boolean isCreator(BulkOperation operation) {
        return operation.bulkId() != null && creators.get(operation.bulkId()) == operation;
    }

    /** RFC 7644 §3.7.1 answers a reference the server cannot resolve with 409 Conflict. */
    private static ScimException conflict(String detail) {
        return new ScimException(409, ScimType.INVALID_VALUE, detail);
    }
}
