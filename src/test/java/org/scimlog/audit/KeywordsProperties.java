package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written splitting gives the words the rule states: a value's words between white space, each
 * hyphenated word's parts, UUIDs whole. The rule is written here once more with regular expressions, as it was
 * stated before splitting was done by hand for speed, and both must agree on any text, alone or in a batch
 * whose remembered values repeat.
 */
class KeywordsProperties {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern HYPHENS = Pattern.compile("-+");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Property
    void handWrittenSplittingGivesTheWordsOfTheRule(@ForAll("texts") String text) {
        assertEquals(byTheRule(text), Keywords.of(eventWith(text)), () -> "for " + text);
    }

    @Property
    void aBatchGivesEachEventTheWordsItWouldGetAlone(@ForAll("texts") String first, @ForAll("texts") String second) {
        Keywords batch = Keywords.forBatch();
        for (String text : List.of(first, second, first)) {
            assertEquals(Keywords.of(eventWith(text)), batch.extract(eventWith(text)), () -> "for " + text);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars(" \t\n\u000B\f\r-aZ9é\u2003").ofMaxLength(6),
                Arbitraries.strings().alpha().numeric().ofMaxLength(45),
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.of("6F1C2A5E-0B7D-4C53-9F0E-3C2B1A0D9E8F", "Ada Lovelace", "a--b-", "-x", "--"));
        return pieces.list().ofMaxSize(6).map(list -> String.join("", list));
    }

    private static ObjectNode eventWith(String text) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.putObject("target").put("displayName", text);
        return event;
    }

    private static Set<String> byTheRule(String text) {
        Set<String> words = new HashSet<>();
        String value = text.toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.length() > 200) {
            return words;
        }
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
        return words;
    }

    private static void addPart(String part, Set<String> words) {
        if (!part.isEmpty() && part.codePointCount(0, part.length()) <= Keywords.MAX_QUERY_KEYWORD_LENGTH) {
            words.add(part);
        }
    }
}
