package org.scimlog.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * "Decimals compare equal whatever their Java representation": every spelling of one number, parsed by the
 * request reader (BigDecimal) or read back from a stored document, coerces to one node, and that node
 * survives being written and read back, so an unchanged value never looks changed.
 */
class CanonicalNumberProperties {

    /** How the repositories read stored documents. */
    private static final ObjectMapper STORED = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Attribute RATE = Attribute.named("rate", AttributeType.DECIMAL).build();

    @Property
    void everySpellingOfOneNumberIsOneValue(@ForAll long unscaled, @ForAll @IntRange(min = -30, max = 30) int scale,
                                            @ForAll @IntRange(min = 0, max = 5) int extraZeros) {
        BigDecimal number = BigDecimal.valueOf(unscaled, scale);
        BigDecimal padded = number.setScale(scale + extraZeros);
        JsonNode plain = coerce(number.toPlainString());
        assertEquals(plain, coerce(number.toString()), "scientific notation");
        assertEquals(plain, coerce(padded.toPlainString()), "trailing zeros");
        assertEquals(plain, coerce(DecimalNode.valueOf(padded)), "a BigDecimal of another scale");
        assertEquals(plain, stored(plain), "written and read back as a stored document is");
    }

    @Property
    void aDoubleReadBackEqualsTheDecimalItCameFrom(@ForAll double value) {
        if (Double.isFinite(value)) {
            assertEquals(coerce(new BigDecimal(Double.toString(value)).toPlainString()), coerce(DoubleNode.valueOf(value)));
        }
    }

    @Property
    void integersOfEverySizeRoundTrip(@ForAll BigInteger value) {
        JsonNode canonical = coerce(value.toString());
        assertEquals(canonical, coerce(value + ".000"));
        assertEquals(canonical, stored(canonical));
    }

    @Property
    void differentNumbersStayDifferent(@ForAll long unscaled, @ForAll @IntRange(min = 1, max = 20) int scale) {
        BigDecimal number = BigDecimal.valueOf(unscaled, scale);
        assertNotEquals(coerce(number.toPlainString()), coerce(number.add(BigDecimal.ONE.movePointLeft(scale + 1)).toPlainString()));
    }

    private static JsonNode coerce(String json) {
        return coerce(parse(json));
    }

    private static JsonNode coerce(JsonNode value) {
        return TypeCoercer.oneValue(RATE, value, "rate");
    }

    private static JsonNode stored(JsonNode value) {
        try {
            return STORED.readTree(STORED.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How request bodies parse numbers (ScimJson): floats as BigDecimal. */
    private static JsonNode parse(String json) {
        try {
            return STORED.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
