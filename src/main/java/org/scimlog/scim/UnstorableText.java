package org.scimlog.scim;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.scimlog.filter.StorableText;

/**
 * Finds the first string in a JSON document (member name or value) that PostgreSQL cannot store: a NUL or a
 * lone surrogate, which JSON's "\\u0000" and "\\ud800" escapes can spell (see {@link StorableText}).
 */
public final class UnstorableText {

    /**
     * Where the text is: a JSON pointer such as "/emails/0/value" (for a member name, the object holding it),
     * the pointer's members ("Operations", "0", "path"), and what is wrong with it.
     */
    public record Problem(String pointer, boolean inMemberName, List<String> steps, String what) {
        public Problem {
            steps = List.copyOf(steps);
        }

        public String detail(String document) {
            String where = pointer.isEmpty() ? "the top level" : "'" + pointer + "'";
            return document + ": " + (inMemberName ? "a member name in the object at " : "the string at ") + where + " "
                    + what + "; such text cannot be stored.";
        }
    }

    private UnstorableText() {
    }

    public static Optional<Problem> find(JsonNode node) {
        return find(node, JsonPointer.empty());
    }

    private static Optional<Problem> find(JsonNode node, JsonPointer at) {
        if (node.isTextual()) {
            return check(node.textValue(), at, false);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Problem> problem = find(node.get(i), at.appendIndex(i));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                // the name is checked before it is used in the pointer: a pointer quoting it would carry the NUL on
                Optional<Problem> name = check(member.getKey(), at, true);
                if (name.isPresent()) {
                    return name;
                }
                Optional<Problem> value = find(member.getValue(), at.appendProperty(member.getKey()));
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> check(String text, JsonPointer at, boolean memberName) {
        OptionalInt bad = StorableText.firstUnstorable(text);
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        List<String> steps = new ArrayList<>();
        for (JsonPointer step = at; step != null && !step.matches(); step = step.tail()) {
            steps.add(step.getMatchingProperty());
        }
        return Optional.of(new Problem(at.toString(), memberName, steps, StorableText.problemAt(text, bad.getAsInt())));
    }
}
