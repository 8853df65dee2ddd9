package org.scimlog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The words the q parameter matches: every string value of the event, lower-cased, as a whole, and its
 * words: the parts between spaces and hyphens (Okta: "hyphenated values also match each part", and
 * {@code q=Jane+Doe} finds Jane Doe), so {@code q=Lovelace} finds events about "Ada Lovelace". Stored with
 * the event and indexed, so keyword search is an index lookup, not a scan.
 * <p>
 * The whole value is kept beside its words although q, which splits at spaces, never looks a value with a
 * space up: exact filters ({@code target.id eq}) find their value through the same index. A part longer than
 * a q keyword may be is left out: nothing could ever look it up.
 * <p>
 * The event's own {@code uuid} and {@code published} are left out: they are unique to each event, so each
 * would add half a dozen new keys to the keyword index per event (it doubled the cost of every log insert),
 * and both already have their own, exact ways in ({@code filter=uuid eq}, {@code since}/{@code until}).
 * A UUID (actor, target and request ids) is a keyword whole but not split at its hyphens: its five hex
 * fragments name nothing anyone searches for, and they were half of each event's keywords.
 * A search's filter expression ({@code debugData.filter}) is not split into keywords either: its pieces
 * ({@code username eq "ada}) match nothing anyone types; the values it compares against are, and a search
 * event lists them as {@code debugData.filterValues}.
 */
public final class Keywords {

    private static final int MAX_LENGTH = 200;
    /** The longest keyword q accepts (Okta: 40 characters per keyword). */
    public static final int MAX_QUERY_KEYWORD_LENGTH = 40;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern HYPHENS = Pattern.compile("-+");
    private static final Set<String> OWN_FIELDS = Set.of("uuid", "published");
    /** debugData.filter: the search's filter expression (its values are debugData.filterValues). */
    private static final String DEBUG_DATA = "debugData";
    private static final String FILTER_EXPRESSION = "filter";
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Keywords() {
    }

    public static Set<String> of(JsonNode event) {
        Set<String> words = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!OWN_FIELDS.contains(field.getKey())) {
                collect(field.getKey(), field.getValue(), words);
            }
        }
        return words;
    }

    /**
     * The keyword a whole string value of an event is stored as, or empty when such a value is never
     * stored (empty or too long). An exact filter on a field can then look its value up in the keyword
     * index first and check the field on the few events found.
     */
    public static Optional<String> ofWholeValue(String value) {
        String word = normalise(value);
        return word.isEmpty() || word.length() > MAX_LENGTH ? Optional.empty() : Optional.of(word);
    }

    /** How a q keyword is normalised before it is looked up. */
    public static String normalise(String keyword) {
        return keyword.toLowerCase(Locale.ROOT);
    }

    /**
     * The words a q keyword is matched against: {@code value} itself, its words between spaces, and the parts
     * of those between hyphens (a hyphenated word is also kept whole, as Okta keeps hyphenated values).
     */
    private static void add(String value, Set<String> words) {
        words.add(value);
        for (String word : SPACES.split(value)) {
            if (word.isEmpty() || UUID_FORM.matcher(word).matches()) {
                continue;
            }
            addPart(word, words);
            if (word.indexOf('-') >= 0) {
                for (String part : HYPHENS.split(word)) {
                    addPart(part, words);
                }
            }
        }
    }

    private static void addPart(String part, Set<String> words) {
        if (!part.isEmpty() && part.codePointCount(0, part.length()) <= MAX_QUERY_KEYWORD_LENGTH) {
            words.add(part);
        }
    }

    /** {@code name}: the field {@code node} is the value of (for an array element, the array's). */
    private static void collect(String name, JsonNode node, Set<String> words) {
        if (node.isTextual()) {
            ofWholeValue(node.asText()).ifPresent(value -> add(value, words));
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!(name.equals(DEBUG_DATA) && field.getKey().equals(FILTER_EXPRESSION))) {
                    collect(field.getKey(), field.getValue(), words);
                }
            }
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(name, child, words));
        }
    }
}
