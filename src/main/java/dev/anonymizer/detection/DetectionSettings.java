package dev.anonymizer.detection;

import java.util.List;

/**
 * Which detectors run, with which model and thresholds, and how each plans its search over an image: the plain
 * settings the detection core takes, built once at the edge from the configuration ({@code anonymizer.detection.*},
 * whose names and defaults are documented there). One nested record per concern, as the configuration groups them.
 *
 * @param text the text detector
 * @param face the face detector
 * @param objects the person and vehicle detector
 * @param search how every search plan chooses its scales and tiles
 * @param closerLook closer looks inside persons and vehicles
 */
public record DetectionSettings(Text text, Face face, Objects objects, Search search, CloserLook closerLook) {

    /** Text detector settings ({@code anonymizer.detection.text.*}). */
    public record Text(boolean enabled, String model, double pixelThreshold, double minScore, double unclipRatio,
            double joinGap, int minSidePixels, double minSize, double budgetPerPhotoPixel,
            double wholeImagePerPhotoPixel, double minMegapixels, double maxMegapixels, TextScope scope,
            double vehicleMargin, PlateFrame plateFrame, Guided guided) {
    }

    /**
     * A detector's finest whole-image scale searched only where its coarser passes nominated something
     * ({@code anonymizer.detection.text.guided.*}, {@code anonymizer.detection.face.guided.*};
     * {@code detection.plan.GuidedFinePass}).
     *
     * @param nominateThreshold what a coarser pass nominates from: the text model's per-pixel probability, the face
     *                          model's score
     */
    public record Guided(boolean enabled, double nominateThreshold, double context, double maxScale,
            int minInputSide) {
    }

    /** Growing text to the plate frame around it ({@code anonymizer.detection.text.plate-frame.*}). */
    public record PlateFrame(boolean enabled, double reachX, double reachY, List<Double> colourTolerance,
            double minFill, double maxAspect, double minGrowth, double maxGrowth, double characterMarginX,
            double characterMarginY) {

        /** A copy of the list (the settings do not change behind the detector's back), one value per L, a, b. */
        public PlateFrame {
            colourTolerance = List.copyOf(colourTolerance);
            if (colourTolerance.size() != 3) {
                throw new IllegalArgumentException("anonymizer.detection.text.plate-frame.colour-tolerance: expected 3 "
                        + "values (L, a, b), got " + colourTolerance.size());
            }
        }
    }

    /** Where text is censored. */
    public enum TextScope {
        /** Every text region. */
        ALL,
        /** Only text inside or near a detected vehicle. */
        NEAR_VEHICLES
    }

    /**
     * Face detector settings ({@code anonymizer.detection.face.*}); {@code extraModels} is empty when none is
     * configured.
     */
    public record Face(boolean enabled, String model, List<String> extraModels, double minScore, double minSize,
            double budgetPerPhotoPixel, double wholeImagePerPhotoPixel, double minMegapixels, double maxMegapixels,
            boolean mirror, double maxVehicleShare, boolean dropAnimalFaces, double nmsIou, Guided guided) {

        /** A copy of the list. */
        public Face {
            extraModels = List.copyOf(extraModels);
        }
    }

    /** Object (person / vehicle) detector settings ({@code anonymizer.detection.objects.*}). */
    public record Objects(boolean enabled, String model, double minScore, double nmsIou, double minSize,
            double maxMegapixels, List<String> personLabels, List<String> vehicleLabels, List<String> animalLabels) {

        /** Copies of the lists. */
        public Objects {
            personLabels = List.copyOf(personLabels);
            vehicleLabels = List.copyOf(vehicleLabels);
            animalLabels = List.copyOf(animalLabels);
        }
    }

    /** How every search plan chooses its scales and tiles ({@code anonymizer.detection.search.*}). */
    public record Search(double maxUpscale, double scaleStep, double maxPassMegapixels) {
    }

    /** Closer looks inside persons and vehicles ({@code anonymizer.detection.closer-look.*}). */
    public record CloserLook(boolean facesInPersons, boolean textInVehicles, int minBoxSide,
            double personHeadFraction, double faceToPersonHeight, double vehicleContext, double vehiclePlateZone,
            double plateToVehicleWidth, double minWholeShare, boolean pack, int packGap, double packMaxMegapixels) {
    }
}
