package dev.anonymizer.detection.plan;

/**
 * What a plan may spend.
 *
 * @param maxUpscale     the most an image (or crop) is enlarged for a pass
 * @param scaleStep      the ratio between neighbouring scales of a plan (2: one scale per octave); it is lowered to
 *                       the model's own span when that is narrower, so that neighbouring scales' good ranges touch
 * @param maxPassPixels  model-input pixels one inference may take; a scale whose input would be larger is cut into
 *                       overlapping tiles
 * @param maxPlanPixels  model-input pixels all passes of the plan together may take (mirrored passes included); when
 *                       covering the wanted sizes would take more, the finest scale is lowered, which raises the
 *                       smallest size the plan covers (the plan says so)
 * @param mirror         every pass also runs on the mirror image
 */
public record PlanLimits(double maxUpscale, double scaleStep, long maxPassPixels, long maxPlanPixels, boolean mirror) {

    public PlanLimits {
        if (maxUpscale < 1 || scaleStep <= 1 || maxPassPixels <= 0 || maxPlanPixels <= 0) {
            throw new IllegalArgumentException("expected maxUpscale >= 1, scaleStep > 1 and positive pixel limits, got "
                    + this);
        }
    }
}
