package io.nova.platform.ui.module;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where each key of a YAML document stands: {@code singleuser.image} → its line, {@code env[0].value} likewise, so
 * that a refusal that names a values path can name the line the admin typed it on.
 */
final class YamlLines {

    private final Map<String, Integer> lines = new HashMap<>();

    private YamlLines() {
    }

    static YamlLines of(YAMLMapper yaml, String text) {
        var index = new YamlLines();
        try (JsonParser parser = yaml.createParser(text)) {
            Deque<String> containers = new ArrayDeque<>();
            Deque<Integer> arrayIndexes = new ArrayDeque<>();
            String path = "";
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case PROPERTY_NAME -> {
                        String parent = containers.isEmpty() ? "" : containers.peek();
                        path = parent.isEmpty() ? parser.currentName() : parent + "." + parser.currentName();
                        index.lines.put(path, parser.currentTokenLocation().getLineNr());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String here = elementPath(containers, arrayIndexes, path);
                        containers.push(here);
                        arrayIndexes.push(token == JsonToken.START_ARRAY ? 0 : -1);
                        index.lines.putIfAbsent(here, parser.currentTokenLocation().getLineNr());
                    }
                    case END_OBJECT, END_ARRAY -> {
                        containers.pop();
                        arrayIndexes.pop();
                        advanceArray(arrayIndexes);
                    }
                    default -> {
                        String here = elementPath(containers, arrayIndexes, path);
                        index.lines.putIfAbsent(here, parser.currentTokenLocation().getLineNr());
                        advanceArray(arrayIndexes);
                    }
                }
            }
        } catch (RuntimeException e) {
            // An unparsable document has no lines to offer; its syntax error is reported separately.
        }
        return index;
    }

    /** The path of the value that starts now: an array's next element, or the property just named. */
    private static String elementPath(Deque<String> containers, Deque<Integer> arrayIndexes, String property) {
        if (!arrayIndexes.isEmpty() && arrayIndexes.peek() >= 0) {
            return containers.peek() + "[" + arrayIndexes.peek() + "]";
        }
        return containers.isEmpty() ? "" : property;
    }

    private static void advanceArray(Deque<Integer> arrayIndexes) {
        if (!arrayIndexes.isEmpty() && arrayIndexes.peek() >= 0) {
            arrayIndexes.push(arrayIndexes.pop() + 1);
        }
    }

    /** The line of {@code path} or of its nearest parent that has one; 0 when none does. */
    int lineOf(String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
