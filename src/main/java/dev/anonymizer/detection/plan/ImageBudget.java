package dev.anonymizer.detection.plan;

/**
 * The model input one detector may spend on one image, whole-image plan and closer looks together: a function of
 * the photo's own pixels, {@code clamp(perPhotoPixel x photo pixels, min, max)}. The floor lets small photos be
 * enlarged enough for their small objects; the cap bounds very large photos.
 *
 * @param perPhotoPixel model-input pixels per photo pixel
 * @param minPixels     the budget of a small photo
 * @param maxPixels     the budget of a very large photo
 */
public record ImageBudget(double perPhotoPixel, long minPixels, long maxPixels) {

    public ImageBudget {
        if (!(perPhotoPixel > 0) || minPixels <= 0 || maxPixels < minPixels) {
            throw new IllegalArgumentException("expected a positive share and 0 < min <= max, got " + perPhotoPixel
                    + ", " + minPixels + ", " + maxPixels);
        }
    }

    /** Model-input pixels for a photo of {@code width x height}. */
    public long pixels(int width, int height) {
        double own = perPhotoPixel * width * (double) height;
        return Math.round(Math.max(minPixels, Math.min(maxPixels, own)));
    }
}
