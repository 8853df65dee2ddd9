package org.scimlog.audit.chain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimlog.json.DateTimeText;

/** The JSON the verify endpoint and command print. */
public final class ChainVerificationJson {

    private ChainVerificationJson() {
    }

    public static String of(ChainVerification v) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("result", v.intact() ? "intact" : "broken");
        node.put("since", DateTimeText.of(v.since()));
        node.put("until", DateTimeText.of(v.until()));
        node.put("checkedEvents", v.checkedEvents());
        if (v.intact()) {
            node.put("unsealedEvents", v.unsealedEvents());
        } else {
            node.put("firstBrokenUuid", v.firstBrokenUuid());
            node.put("problem", v.problem());
        }
        return node.toString();
    }
}
