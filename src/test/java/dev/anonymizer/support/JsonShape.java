package dev.anonymizer.support;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of a JSON document as the set of its field paths ({@code input.bucket}, {@code regions[].box}), so a test
 * can hold a document to the fields its readers expect: a renamed, added or dropped field changes the set.
 * Array elements share the path {@code name[]}; a field whose value is null is still a path.
 */
public final class JsonShape {

    private JsonShape() {
    }

    /** Every field path of {@code node}, the fields under {@code opaque} paths (maps with free keys) left out. */
    public static Set<String> paths(JsonNode node, String... opaque) {
        Set<String> out = new TreeSet<>();
        collect(node, "", Set.of(opaque), out);
        return out;
    }

    private static void collect(JsonNode node, String at, Set<String> opaque, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                out.add(path);
                if (!opaque.contains(path)) {
                    collect(e.getValue(), path, opaque, out);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, at + "[]", opaque, out);
            }
        }
    }

    /** The set of the given paths, for a readable expectation. */
    public static Set<String> of(String... paths) {
        return new TreeSet<>(Set.of(paths));
    }
}
