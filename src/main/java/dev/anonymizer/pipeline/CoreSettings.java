package dev.anonymizer.pipeline;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.inject.Disposes;
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

    private static final long MIB = 1024 * 1024;

    @Produces
    @Singleton
    ImageDecoder decoder(ImageLimitsConfig limits) {
        return new ImageDecoder(new ImageLimits(limits.maxPixels(), limits.maxBytes()));
    }

    @Produces
    @Singleton
    ImageEncoder encoder(OutputConfig output) {
        return new ImageEncoder(new EncoderSettings(output.jpegQuality(), output.jpegLosslessOutside(),
                output.webpQuality(), output.keepIccProfile(),
                (long) Math.max(0, output.jpegReadAheadMaxMegabytes()) * MIB));
    }

    void closeEncoder(@Disposes ImageEncoder encoder) {
        encoder.close();
    }

    @Produces
    @Singleton
    CensorPolicy policy(CensorConfig c) {
        return new CensorPolicy(censor(c));
    }

    /** The censoring settings of the configuration. */
    static CensorSettings censor(CensorConfig c) {
        Map<Category, CensorConfig.Policy> configured = new EnumMap<>(Category.class);
        configured.put(Category.FACE, c.face());
        configured.put(Category.TEXT, c.text());
        configured.put(Category.PLATE, c.plate());
        configured.put(Category.PERSON, c.person());
        configured.put(Category.VEHICLE, c.vehicle());
        Map<Category, CensorSettings.CategoryPolicy> policies = new EnumMap<>(Category.class);
        configured.forEach((category, p) -> policies.put(category, new CensorSettings.CategoryPolicy(p.enabled(),
                new CensorStyle(p.method(), p.shape(), p.fillColour(), p.feather()), p.padX(), p.padY())));
        return new CensorSettings(c.blurCells(), c.pixelateCells(), policies);
    }
}
