package io.liouring.bench.harness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void parsesNestedObjectsArraysStringsNumbersAndLiterals() {
        Map<String, Object> root = Json.object(Json.parse("""
                {"a": {"b": [1, -2.5e3, "x\\"y\\u0041"]}, "t": true, "f": false, "n": null, "e": {}, "l": []}"""));
        List<Object> b = Json.array(Json.object(root.get("a")).get("b"));
        assertEquals(1.0, Json.number(b.get(0)));
        assertEquals(-2500.0, Json.number(b.get(1)));
        assertEquals("x\"yA", b.get(2));
        assertEquals(Boolean.TRUE, root.get("t"));
        assertEquals(Boolean.FALSE, root.get("f"));
        assertNull(root.get("n"));
        assertEquals(Map.of(), root.get("e"));
        assertEquals(List.of(), root.get("l"));
    }

    @Test
    void rejectsTruncatedInput() {
        assertThrows(IllegalStateException.class, () -> Json.parse("{\"a\": [1, 2"));
    }

    @Test
    void aTreeOfMapsAndListsIsWrittenAsJsonThatParsesBack() {
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        tree.put("count", 3);
        tree.put("big", 1L << 60);
        tree.put("ratio", 0.125);
        tree.put("unmeasured", Double.NaN);
        tree.put("cells", List.of(Map.of("server", "nio"), List.of(), Map.of()));
        String text = Json.write(tree);
        assertEquals('\n', text.charAt(text.length() - 1));
        assertTrue(text.contains("\"big\": " + (1L << 60) + ","), text); // a long, not rounded through a double
        Map<String, Object> back = Json.object(Json.parse(text));
        assertEquals(3.0, Json.number(back.get("count")));
        assertEquals(0.125, Json.number(back.get("ratio")));
        assertNull(back.get("unmeasured"));
        assertEquals(List.of(Map.of("server", "nio"), List.of(), Map.of()), back.get("cells"));
    }

    @Test
    void numberOrNaNReadsNumbersAndTurnsAnythingElseIntoNaN() {
        Map<String, Object> m = Json.object(Json.parse("{\"a\": 2, \"b\": null, \"c\": \"x\"}"));
        assertEquals(2.0, Json.numberOrNaN(m, "a"));
        assertTrue(Double.isNaN(Json.numberOrNaN(m, "b")));
        assertTrue(Double.isNaN(Json.numberOrNaN(m, "c")));
        assertTrue(Double.isNaN(Json.numberOrNaN(m, "missing")));
    }

    @Test
    void writtenJsonParsesBackToTheSameValues() {
        Json.Writer w = new Json.Writer();
        w.open('{').key("name").string("tab\there \"quoted\"").key("count").number(3).key("ratio").number(0.5)
                .key("ok").bool(true).key("none").number(Double.NaN).key("list").strings(List.of("a", "b")).close('}');
        Map<String, Object> back = Json.object(Json.parse(w.toString()));
        assertEquals("tab\there \"quoted\"", back.get("name"));
        assertEquals(3.0, Json.number(back.get("count")));
        assertEquals(0.5, Json.number(back.get("ratio")));
        assertEquals(Boolean.TRUE, back.get("ok"));
        assertNull(back.get("none"));
        assertEquals(List.of("a", "b"), back.get("list"));
    }
}
