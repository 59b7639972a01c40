package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.config.ModelsConfig;
import dev.anonymizer.detection.DetectionSettings;
import dev.anonymizer.detection.ModelSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The detection and model settings records carry what the configuration says, component by component: every number
 * is given a value of its own (so two settings swapped in the mapping would show), and the defaults, the optional
 * extra face models and the text scope come through as configured.
 */
class DetectionSettingsMappingTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(DetectionConfig.class).withMapping(ModelsConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    /** Every int and double setting of {@code group} (and the groups inside it) set to a value no other one has. */
    private static void distinctNumbers(Class<?> group, String prefix, Map<String, String> out) {
        for (Method m : group.getDeclaredMethods()) {
            String key = prefix + "." + kebab(m.getName());
            Class<?> type = m.getReturnType();
            if (type == double.class || type == int.class) {
                out.put(key, Integer.toString(out.size() + 7));
            } else if (type.isInterface() && type.getDeclaringClass() == DetectionConfig.class) {
                distinctNumbers(type, key, out);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The {@code @ConfigMapping} interface (or group) {@code config} implements. */
    private static Class<?> mapping(Object config) {
        for (Class<?> i : config.getClass().getInterfaces()) {
            if (i.getName().startsWith("dev.anonymizer.config.")) {
                return i;
            }
        }
        throw new AssertionError("no configuration interface on " + config.getClass());
    }

    /** Each component of {@code record} equals the configuration method of its name (groups compared in depth). */
    private static int assertMirrors(Object config, Record record) throws Exception {
        int compared = 0;
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object expected = mapping(config).getMethod(c.getName()).invoke(config);
            Object actual = c.getAccessor().invoke(record);
            if (actual instanceof Record nested) {
                compared += assertMirrors(expected, nested);
                continue;
            }
            if (expected instanceof Optional<?> o) {
                expected = o.isPresent() ? o.get() : List.of();
            }
            if (expected instanceof Enum<?> e) {
                expected = e.name();
                actual = ((Enum<?>) actual).name();
            }
            assertEquals(expected, actual, record.getClass().getSimpleName() + "." + c.getName());
            compared++;
        }
        return compared;
    }

    @Test
    void everyComponentCarriesItsOwnSetting() throws Exception {
        Map<String, String> properties = new HashMap<>();
        distinctNumbers(DetectionConfig.class, "anonymizer.detection", properties);
        properties.put("anonymizer.detection.text.plate-frame.colour-tolerance", "1,2,3");
        properties.put("anonymizer.detection.face.extra-models", "retinaface-r50,yunet-s");
        properties.put("anonymizer.detection.text.scope", "near-vehicles");
        properties.put("anonymizer.detection.face.mirror", "true");
        properties.put("anonymizer.detection.closer-look.pack", "false");
        DetectionConfig config = config(properties).getConfigMapping(DetectionConfig.class);
        DetectionSettings settings = DetectionBeans.detection(config);
        int compared = assertMirrors(config, settings);
        assertEquals(DetectionSettings.TextScope.NEAR_VEHICLES, settings.text().scope());
        assertEquals(List.of("retinaface-r50", "yunet-s"), settings.face().extraModels());
        assertEquals(List.of(1.0, 2.0, 3.0), settings.text().plateFrame().colourTolerance());
        assertEquals(true, settings.face().mirror());
        assertEquals(false, settings.closerLook().pack());
        // every component of every group was compared, none skipped: text (less its two groups), plate frame, text
        // guided, face (less its group), face guided, objects, search, closer look
        assertEquals((16 - 2) + 10 + 5 + (14 - 1) + 5 + 9 + 3 + 12, compared);
    }

    @Test
    void theDefaultsComeThrough() throws Exception {
        DetectionConfig config = config(Map.of()).getConfigMapping(DetectionConfig.class);
        DetectionSettings s = DetectionBeans.detection(config);
        assertMirrors(config, s);
        assertEquals(List.of(), s.face().extraModels());
        assertEquals(DetectionSettings.TextScope.ALL, s.text().scope());
        assertEquals("ppocr-v4-det-int8m", s.text().model());
        assertEquals(0.3, s.text().pixelThreshold());
        assertEquals(List.of("car", "truck", "bus", "motorcycle"), s.objects().vehicleLabels());
        assertEquals(List.of(40.0, 12.0, 12.0), s.text().plateFrame().colourTolerance());
    }

    @Test
    void modelSettingsCarryTheirSettings() throws Exception {
        ModelsConfig config = config(Map.of("anonymizer.models.dir", "elsewhere", "anonymizer.models.intra-op-threads",
                "3", "anonymizer.models.parallel-load", "true", "anonymizer.models.warm-up", "false",
                "anonymizer.models.thread-spinning", "true", "anonymizer.models.parallel-inferences", "2"))
                .getConfigMapping(ModelsConfig.class);
        ModelSettings s = DetectionBeans.models(config);
        assertEquals(new ModelSettings(Path.of("elsewhere"), 3, false, true, 2, true, true, false), s);
        assertEquals(8, assertMirrors(config, s));
    }
}
