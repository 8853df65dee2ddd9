package org.scimlog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>
 * An instance extracts the keywords of the events of one write: they repeat most values (actor, client,
 * request, the group of ten thousand membership events), and each distinct value is split once. Splitting is
 * done by hand, not with regular expressions: it was a third of the CPU a 10,000-member group write spent.
 */
public final class Keywords {

    private static final int MAX_LENGTH = 200;
    /** The longest keyword q accepts (Okta: 40 characters per keyword). */
    public static final int MAX_QUERY_KEYWORD_LENGTH = 40;
    private static final Set<String> OWN_FIELDS = Set.of("uuid", "published");
    /** debugData.filter: the search's filter expression (its values are debugData.filterValues). */
    private static final String DEBUG_DATA = "debugData";
    private static final String FILTER_EXPRESSION = "filter";
    private static final int UUID_LENGTH = 36;

    /** Each raw string value seen so far and the keywords it gives (none when it is never stored). */
    private final Map<String, List<String>> wordsOfValue = new HashMap<>();

    private Keywords() {
    }

    /** An extractor for the events of one write, remembering the values it has split. */
    public static Keywords forBatch() {
        return new Keywords();
    }

    public static Set<String> of(JsonNode event) {
        return forBatch().extract(event);
    }

    /** The keywords of one event. */
    public Set<String> extract(JsonNode event) {
        Set<String> words = new HashSet<>(64);
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

    /** {@code name}: the field {@code node} is the value of (for an array element, the array's). */
    private void collect(String name, JsonNode node, Set<String> words) {
        if (node.isTextual()) {
            words.addAll(wordsOfValue.computeIfAbsent(node.asText(), Keywords::wordsOf));
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

    /**
     * The words a q keyword is matched against: the value itself, its words between spaces, and the parts
     * of those between hyphens (a hyphenated word is also kept whole, as Okta keeps hyphenated values).
     */
    private static List<String> wordsOf(String raw) {
        Optional<String> whole = ofWholeValue(raw);
        if (whole.isEmpty()) {
            return List.of();
        }
        String value = whole.get();
        List<String> words = new ArrayList<>(4);
        words.add(value);
        int end = value.length();
        int i = 0;
        while (i < end) {
            while (i < end && isSpace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && !isSpace(value.charAt(i))) {
                i++;
            }
            if (i > start && !isUuid(value, start, i)) {
                addWordAndParts(value.substring(start, i), words);
            }
        }
        return words;
    }

    private static void addWordAndParts(String word, List<String> words) {
        addPart(word, words);
        if (word.indexOf('-') < 0) {
            return;
        }
        int end = word.length();
        int i = 0;
        while (i < end) {
            while (i < end && word.charAt(i) == '-') {
                i++;
            }
            int start = i;
            while (i < end && word.charAt(i) != '-') {
                i++;
            }
            if (i > start) {
                addPart(word.substring(start, i), words);
            }
        }
    }

    private static void addPart(String part, List<String> words) {
        if (part.codePointCount(0, part.length()) <= MAX_QUERY_KEYWORD_LENGTH) {
            words.add(part);
        }
    }

    /** What the regular expression {@code \s} matches: the separators of words. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Whether {@code text[start, end)} is a lower-case UUID: 8-4-4-4-12 hexadecimal digits. */
    private static boolean isUuid(String text, int start, int end) {
        if (end - start != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = text.charAt(start + i);
            boolean hyphenPlace = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPlace ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
