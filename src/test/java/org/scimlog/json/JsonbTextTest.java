package org.scimlog.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimlog.support.LogRows;

/**
 * The offline verifier hashes events in jsonb's text form without PostgreSQL: every spelling here must come out
 * exactly as PostgreSQL prints it, or a verifier would call an intact event changed.
 */
class JsonbTextTest {

    private static final List<String> SPELLINGS = List.of(
            "{\"b\":1,\"a\":2,\"aa\":3,\"B\":4,\"\u00e9\":5,\"z\":{\"y\":[],\"x\":{}}}",
            "{\"n\": [1, -0, 1.50, 1e3, 1E-5, 12345678901234567890123, -2.000, 0.1e1, 3.0E+2]}",
            "{\"s\": \"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f ctl \\u0001 \\u001f del \\u007f\"}",
            "{\"u\": \"\u00fcnic\u00f8de \ud83d\ude00 \u2028 \\u00e9\", \"t\": true, \"f\": false, \"nul\": null}",
            "  {  \"nested\" : [ { \"k2\" : 1 , \"k1\" : [ \"a\" , { } ] } ] , \"e\" : \"\" }  ",
            "{\"dup\": 1, \"dup\": 2}".replace("\"dup\": 1, ", ""),
            "{\"a\":\"x\",\"ab\":\"y\",\"b\":\"z\",\"ba\":\"w\",\"\u00e0\":\"2 bytes sorts after 1-byte keys of length 2?\"}");

    @Test
    void everySpellingComesOutAsPostgresqlPrintsIt() throws Exception {
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement("SELECT ?::jsonb::text")) {
            for (String spelling : SPELLINGS) {
                ps.setString(1, spelling);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String postgres = rs.getString(1);
                    assertEquals(postgres, JsonbText.of(JsonbText.read(spelling)), spelling);
                    assertEquals(postgres, JsonbText.of(JsonbText.read(postgres)), "idempotent on PostgreSQL's own text");
                }
            }
        }
    }
}
