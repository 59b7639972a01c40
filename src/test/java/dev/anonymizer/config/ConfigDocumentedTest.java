package dev.anonymizer.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of every {@code @ConfigMapping} is a row of the README's configuration table, with its default. */
class ConfigDocumentedTest {

    @Test
    void everySettingIsInTheReadmeWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        int settings = 0;
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            List<String[]> keys = new ArrayList<>();
            collect(mapping, prefix, keys);
            for (String[] k : keys) {
                settings++;
                String row = "| `" + k[0] + "` | " + (k[1] == null ? "(unset)" : "`" + k[1] + "`") + " |";
                if (!readme.contains(row)) {
                    missing.add(row);
                }
            }
        }
        assertTrue(settings > 50, "found the settings: " + settings);
        assertTrue(missing.isEmpty(), "README configuration table lacks:\n" + String.join("\n", missing));
    }

    private static List<Class<?>> mappings() throws IOException, ClassNotFoundException {
        Path dir = Path.of("target/classes/dev/anonymizer/config");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName("dev.anonymizer.config." + name.replace(".class", ""));
                    if (c.isAnnotationPresent(ConfigMapping.class)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static void collect(Class<?> type, String prefix, List<String[]> out) {
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() > 0) {
                continue;
            }
            String key = prefix + "." + kebab(m.getName());
            Class<?> r = m.getReturnType();
            if (r.isInterface() && r.getEnclosingClass() != null && r.getName().startsWith("dev.anonymizer.config")
                    && !java.util.Collection.class.isAssignableFrom(r)) {
                collect(r, key, out);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                out.add(new String[] {key, d == null ? null : d.value()});
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
