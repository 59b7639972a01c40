package dev.anonymizer.pipeline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.config.ModelsConfig;
import dev.anonymizer.detection.DetectionSettings;
import dev.anonymizer.detection.InferenceMetrics;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.detection.ModelSettings;
import dev.anonymizer.detection.PersonalDataFinder;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The edge between the framework and the detection core: builds its plain settings records once from the
 * {@code @ConfigMapping} interfaces, and the core's model registry, finder and inference metrics from them, as
 * application-scoped beans (made on first use, like the rest). The registry's sessions are closed when the
 * application stops. Nothing is loaded here: the models load on first use or when the function starts
 * ({@code health.ReadinessChecks}, {@code anonymizer.models.load-at-start}).
 */
@Singleton
public class DetectionBeans {

    @Produces
    @Singleton
    DetectionSettings detectionSettings(DetectionConfig config) {
        return detection(config);
    }

    @Produces
    @ApplicationScoped
    InferenceMetrics inferenceMetrics(MeterRegistry registry) {
        return new InferenceMetrics(registry);
    }

    @Produces
    @ApplicationScoped
    ModelRegistry modelRegistry(ModelsConfig models, DetectionSettings detection, ObjectMapper json,
            InferenceMetrics metrics) {
        return new ModelRegistry(models(models), detection, json, metrics);
    }

    /** Closes the registry's sessions when the application stops. */
    void closeModelRegistry(@Disposes ModelRegistry registry) {
        registry.close();
    }

    @Produces
    @ApplicationScoped
    PersonalDataFinder personalDataFinder(ModelRegistry models, DetectionSettings detection) {
        return new PersonalDataFinder(models, detection);
    }

    /** The model settings of the configuration. */
    static ModelSettings models(ModelsConfig m) {
        return new ModelSettings(m.dir(), m.intraOpThreads(), m.arenaShrinkage(), m.threadSpinning(), m.parallelInferences(),
                m.verifyChecksums(),
                m.parallelLoad(), m.warmUp());
    }

    /** The detection settings of the configuration. */
    static DetectionSettings detection(DetectionConfig c) {
        return new DetectionSettings(text(c.text()), face(c.face()), objects(c.objects()), search(c.search()),
                closerLook(c.closerLook()));
    }

    private static DetectionSettings.Text text(DetectionConfig.Text t) {
        return new DetectionSettings.Text(t.enabled(), t.model(), t.pixelThreshold(), t.minScore(), t.unclipRatio(),
                t.joinGap(), t.minSidePixels(), t.minSize(), t.budgetPerPhotoPixel(), t.wholeImagePerPhotoPixel(),
                t.minMegapixels(), t.maxMegapixels(), DetectionSettings.TextScope.valueOf(t.scope().name()),
                t.vehicleMargin(), plateFrame(t.plateFrame()), guided(t.guided()));
    }

    private static DetectionSettings.Guided guided(DetectionConfig.TextGuided g) {
        return new DetectionSettings.Guided(g.enabled(), g.nominateThreshold(), g.context(), g.maxScale(),
                g.minInputSide());
    }

    private static DetectionSettings.PlateFrame plateFrame(DetectionConfig.PlateFrame p) {
        return new DetectionSettings.PlateFrame(p.enabled(), p.reachX(), p.reachY(), p.colourTolerance(),
                p.minFill(), p.maxAspect(), p.minGrowth(), p.maxGrowth(), p.characterMarginX(),
                p.characterMarginY());
    }

    private static DetectionSettings.Face face(DetectionConfig.Face f) {
        return new DetectionSettings.Face(f.enabled(), f.model(), f.extraModels().orElse(List.of()),
                f.minScore(), f.minSize(), f.budgetPerPhotoPixel(), f.wholeImagePerPhotoPixel(), f.minMegapixels(),
                f.maxMegapixels(), f.mirror(), f.maxVehicleShare(), f.dropAnimalFaces(), f.nmsIou(),
                new DetectionSettings.Guided(f.guided().enabled(), f.guided().nominateThreshold(), f.guided().context(),
                        f.guided().maxScale(), f.guided().minInputSide()));
    }

    private static DetectionSettings.Objects objects(DetectionConfig.Objects o) {
        return new DetectionSettings.Objects(o.enabled(), o.model(), o.minScore(), o.nmsIou(), o.minSize(),
                o.maxMegapixels(), o.personLabels(), o.vehicleLabels(), o.animalLabels());
    }

    private static DetectionSettings.Search search(DetectionConfig.Search s) {
        return new DetectionSettings.Search(s.maxUpscale(), s.scaleStep(), s.maxPassMegapixels());
    }

    private static DetectionSettings.CloserLook closerLook(DetectionConfig.CloserLook l) {
        return new DetectionSettings.CloserLook(l.facesInPersons(), l.textInVehicles(), l.minBoxSide(),
                l.personHeadFraction(), l.faceToPersonHeight(), l.vehicleContext(), l.vehiclePlateZone(),
                l.plateToVehicleWidth(), l.minWholeShare(), l.pack(), l.packGap(), l.packMaxMegapixels());
    }
}
