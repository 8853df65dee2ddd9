package org.scimlog.audit.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/**
 * What the offline verifier found. Intact: for each tenant, which chain positions were proven against signed
 * checkpoints, and how many events lay outside them (before the first checkpoint the sources still hold, or
 * after the last one). Broken: the first bad event (uuid when it exists, chain position, where it was read) and
 * what is wrong; refused: a checkpoint that the public key does not verify.
 */
public record OfflineVerification(String result, List<TenantResult> tenants, @Nullable Failure failure) {

    public record TenantResult(UUID tenantId, int checkpoints, long verifiedEvents, long fromChainSeq, long toChainSeq,
                               long eventsBeforeCheckpoints, long eventsAfterLastCheckpoint) {
    }

    public record Failure(@Nullable UUID tenantId, @Nullable String uuid, long chainSeq, @Nullable String where,
                          String problem) {
    }

    public boolean intact() {
        return "intact".equals(result);
    }

    public String toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("result", result);
        if (failure != null) {
            if (failure.tenantId() != null) {
                node.put("tenantId", failure.tenantId().toString());
            }
            if (failure.uuid() != null) {
                node.put("firstBadUuid", failure.uuid());
            }
            if (failure.chainSeq() > 0) {
                node.put("chainSeq", failure.chainSeq());
            }
            if (failure.where() != null) {
                node.put("at", failure.where());
            }
            node.put("problem", failure.problem());
        }
        for (TenantResult t : tenants) {
            ObjectNode tenant = node.withArray("tenants").addObject();
            tenant.put("tenantId", t.tenantId().toString());
            tenant.put("checkpoints", t.checkpoints());
            tenant.put("verifiedEvents", t.verifiedEvents());
            if (t.verifiedEvents() > 0) {
                tenant.put("fromChainSeq", t.fromChainSeq());
                tenant.put("toChainSeq", t.toChainSeq());
            }
            tenant.put("eventsBeforeCheckpoints", t.eventsBeforeCheckpoints());
            tenant.put("eventsAfterLastCheckpoint", t.eventsAfterLastCheckpoint());
        }
        return node.toString();
    }
}
