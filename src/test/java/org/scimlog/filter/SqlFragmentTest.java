package org.scimlog.filter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlFragmentTest {

    @Test
    void andOrKeepParameterOrderAndParenthesise() {
        SqlFragment a = SqlFragment.of("a = ?", 1);
        SqlFragment b = SqlFragment.of("b = ?", 2);
        SqlFragment c = SqlFragment.of("c = ?", 3);

        SqlFragment combined = a.or(b).and(c);

        assertEquals("((a = ? OR b = ?) AND c = ?)", combined.sql());
        assertEquals(List.of(1, 2, 3), combined.parameters());
    }

    @Test
    void notWrapsItsOperand() {
        assertEquals(SqlFragment.of("NOT (a = ?)", "x"), SqlFragment.of("a = ?", "x").not());
    }

    @Test
    void parametersAreCopiedAndImmutable() {
        List<Object> parameters = new ArrayList<>(List.of("x"));
        SqlFragment fragment = new SqlFragment("a = ?", parameters);
        parameters.add("y");

        assertEquals(List.of("x"), fragment.parameters());
        assertThrows(UnsupportedOperationException.class, () -> fragment.parameters().add("z"));
    }

    @Test
    void rejectsNullParameters() {
        assertThrows(NullPointerException.class, () -> SqlFragment.of("a = ?", (Object) null));
    }
}
