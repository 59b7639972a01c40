package dev.anonymizer.pipeline;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.anonymizer.censor.CensorPolicy;
import dev.anonymizer.censor.CensorSettings;
import dev.anonymizer.censor.CensorStyle;
import dev.anonymizer.config.CensorConfig;
import dev.anonymizer.config.ImageLimitsConfig;
import dev.anonymizer.config.OutputConfig;
import dev.anonymizer.imaging.EncoderSettings;
import dev.anonymizer.imaging.ImageDecoder;
import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.ImageLimits;
import dev.anonymizer.region.Category;

/**
 * The edge between the framework and the core: builds the core's plain settings records once from the
 * {@code @ConfigMapping} interfaces, and the core's decoder, encoder and censoring policy from them. Nothing below
 * this class sees Quarkus or CDI.
 */
@Singleton
public class CoreSettings {

    @Produces
    @Singleton
    ImageDecoder decoder(ImageLimitsConfig limits) {
        return new ImageDecoder(new ImageLimits(limits.maxPixels(), limits.maxBytes()));
    }

    @Produces
    @Singleton
    ImageEncoder encoder(OutputConfig output) {
        return new ImageEncoder(new EncoderSettings(output.jpegQuality(), output.jpegLosslessOutside(),
                output.webpQuality(), output.keepIccProfile()));
    }

    @Produces
    @Singleton
    CensorPolicy policy(CensorConfig c) {
        return new CensorPolicy(censor(c));
    }

    /** The censoring settings of the configuration. */
    static CensorSettings censor(CensorConfig c) {
        Map<Category, CensorSettings.CategoryPolicy> policies = new EnumMap<>(Category.class);
        CensorConfig.Face f = c.face();
        policies.put(Category.FACE, policy(f.enabled(), f.method(), f.shape(), f.fillColour(), f.feather(), f.padX(),
                f.padY()));
        CensorConfig.Text t = c.text();
        policies.put(Category.TEXT, policy(t.enabled(), t.method(), t.shape(), t.fillColour(), t.feather(), t.padX(),
                t.padY()));
        CensorConfig.Plate pl = c.plate();
        policies.put(Category.PLATE, policy(pl.enabled(), pl.method(), pl.shape(), pl.fillColour(), pl.feather(),
                pl.padX(), pl.padY()));
        CensorConfig.Person p = c.person();
        policies.put(Category.PERSON, policy(p.enabled(), p.method(), p.shape(), p.fillColour(), p.feather(),
                p.padX(), p.padY()));
        CensorConfig.Vehicle v = c.vehicle();
        policies.put(Category.VEHICLE, policy(v.enabled(), v.method(), v.shape(), v.fillColour(), v.feather(),
                v.padX(), v.padY()));
        return new CensorSettings(c.blurCells(), c.pixelateCells(), policies);
    }

    private static CensorSettings.CategoryPolicy policy(boolean enabled, CensorStyle.Method method,
            CensorStyle.Shape shape, CensorStyle.FillColour fill, double feather, double padX, double padY) {
        return new CensorSettings.CategoryPolicy(enabled, new CensorStyle(method, shape, fill, feather), padX, padY);
    }
}
