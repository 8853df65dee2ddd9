package org.scimlog.audit.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.List;

/**
 * Builds Okta's error body: errorCode, errorSummary, errorLink (Okta sets it to the code), errorId and
 * errorCauses. The errorId is random per response, as Okta's is, so a support request can quote it.
 */
public final class OktaErrors {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_RANDOM_CHARS = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OktaErrors() {
    }

    public static ObjectNode body(OktaError error, String summary, List<String> causes) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("errorCode", error.code());
        node.put("errorSummary", summary);
        node.put("errorLink", error.code());
        node.put("errorId", newErrorId());
        ArrayNode causeArray = node.putArray("errorCauses");
        for (String cause : causes) {
            causeArray.addObject().put("errorSummary", cause);
        }
        return node;
    }

    /** For errors the framework raises itself: a fixed summary per status, never the framework's message. */
    public static ObjectNode forStatus(int status) {
        OktaError error = OktaError.forStatus(status);
        return body(error, error.summary(), List.of());
    }

    /** Okta's ids look like "oaeXzq2...": a short prefix and random letters and digits. */
    static String newErrorId() {
        StringBuilder id = new StringBuilder("oae");
        for (int i = 0; i < ID_RANDOM_CHARS; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
