package org.scimlog.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a WORD token into an {@link AttributePath}, reporting errors at the exact character inside
 * the word. Grammar (RFC 7644): [URI ":"] ATTRNAME *("." ATTRNAME), ATTRNAME = ALPHA *(nameChar).
 */
final class AttributePathReader {

    /** "$ref" is the one name that breaks the ALPHA rule; SCIM uses it for references. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\\$ref");
    private static final Pattern SCHEMA_URN = Pattern.compile("(?i)urn:[A-Za-z0-9][A-Za-z0-9-]*:[A-Za-z0-9._:+-]+");
    private static final String URN_PREFIX = "urn:";

    private AttributePathReader() {
    }

    /**
     * @param maxNames how many dotted names are allowed (2 for SCIM's attr.sub)
     */
    static AttributePath read(Token token, int maxNames) {
        String word = token.raw();
        String schemaUrn = null;
        int namesOffset = 0;
        if (word.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length())) {
            int lastColon = word.lastIndexOf(':');
            schemaUrn = word.substring(0, lastColon);
            if (!SCHEMA_URN.matcher(schemaUrn).matches()) {
                throw new FilterException("expected a schema URN such as 'urn:ietf:params:scim:schemas:core:2.0:User' "
                        + "at position " + token.start() + " but found '" + schemaUrn + "'", token.start());
            }
            namesOffset = lastColon + 1;
        }
        return new AttributePath(schemaUrn, names(word, namesOffset, token.start(), maxNames));
    }

    /** Reads a single name, used for the sub-attribute after "]" in PATCH paths. */
    static String readName(String word, int position) {
        List<String> names = names(word, 0, position, 1);
        return names.get(0);
    }

    private static List<String> names(String word, int offset, int wordStart, int maxNames) {
        List<String> names = new ArrayList<>();
        int segmentStart = offset;
        while (true) {
            int dot = word.indexOf('.', segmentStart);
            int segmentEnd = dot < 0 ? word.length() : dot;
            String segment = word.substring(segmentStart, segmentEnd);
            if (!NAME.matcher(segment).matches()) {
                String found = segmentStart < word.length() ? "'" + word.substring(segmentStart) + "'" : "end of name";
                throw new FilterException("expected an attribute name at position " + (wordStart + segmentStart)
                        + " but found " + found, wordStart + segmentStart);
            }
            names.add(segment);
            if (dot < 0) {
                return names;
            }
            if (names.size() == maxNames) {
                throw new FilterException("attribute path '" + word + "' is too deep: at most " + maxNames
                        + (maxNames == 1 ? " name" : " names") + " allowed, extra '.' at position "
                        + (wordStart + dot), wordStart + dot);
            }
            segmentStart = dot + 1;
        }
    }
}
