package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.anonymizer.censor.CensorSettings;
import dev.anonymizer.censor.CensorSettings.CategoryPolicy;
import dev.anonymizer.censor.CensorStyle;
import dev.anonymizer.censor.CensorStyle.FillColour;
import dev.anonymizer.censor.CensorStyle.Method;
import dev.anonymizer.censor.CensorStyle.Shape;
import dev.anonymizer.config.CensorConfig;
import dev.anonymizer.region.Category;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Each category's censoring settings with nothing configured, as SmallRye Config maps them: the defaults the
 * categories share (blur, black, no feather) and their own (on or off, shape, padding), and a setting of one
 * category leaves the others alone.
 */
class CensorDefaultsTest {

    private static CensorSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CensorConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return CoreSettings.censor(config.getConfigMapping(CensorConfig.class));
    }

    private static CategoryPolicy policy(boolean enabled, Shape shape, double padX, double padY) {
        return new CategoryPolicy(enabled, new CensorStyle(Method.BLUR, shape, FillColour.BLACK, 0), padX, padY);
    }

    @Test
    void everyCategoryHasItsOwnDefaults() {
        CensorSettings s = settings(Map.of());
        assertEquals(Map.of(
                Category.FACE, policy(true, Shape.ELLIPSE, 0.18, 0.25),
                Category.TEXT, policy(true, Shape.RECTANGLE, 0.25, 0.6),
                Category.PLATE, policy(true, Shape.RECTANGLE, 0.02, 0.05),
                Category.PERSON, policy(false, Shape.RECTANGLE, 0.05, 0.05),
                Category.VEHICLE, policy(false, Shape.RECTANGLE, 0, 0)), s.categories());
        assertEquals(5, s.blurCells());
        assertEquals(4, s.pixelateCells());
    }

    @Test
    void aSettingOfOneCategoryLeavesTheOthersAlone() {
        CensorSettings s = settings(Map.of("anonymizer.censor.person.enabled", "true",
                "anonymizer.censor.person.method", "fill", "anonymizer.censor.face.feather", "0.2"));
        assertEquals(new CategoryPolicy(true, new CensorStyle(Method.FILL, Shape.RECTANGLE, FillColour.BLACK, 0),
                0.05, 0.05), s.categories().get(Category.PERSON));
        assertEquals(new CategoryPolicy(true, new CensorStyle(Method.BLUR, Shape.ELLIPSE, FillColour.BLACK, 0.2),
                0.18, 0.25), s.categories().get(Category.FACE));
        assertEquals(policy(true, Shape.RECTANGLE, 0.25, 0.6), s.categories().get(Category.TEXT));
    }
}
