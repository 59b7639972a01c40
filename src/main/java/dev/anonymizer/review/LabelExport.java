package dev.anonymizer.review;

import java.util.List;

/**
 * What {@code review export-labels DIR} wrote: photos and boxes in {@code DIR/labels.json} (the originals in
 * {@code DIR/images/}), and the released photos left out because their original is gone.
 */
public record LabelExport(int photos, int boxes, List<String> missingOriginals) {

    public String summary() {
        return "export-labels: " + photos + " photos, " + boxes + " boxes"
                + (missingOriginals.isEmpty() ? "" : "; " + missingOriginals.size() + " left out (original gone): "
                        + String.join(", ", missingOriginals));
    }

    /** {@code labels.json} as {@code evaluate} reads it (the shared evaluation sets' format). */
    public record LabelsFile(List<LabelledPhoto> images) {
    }

    /** One photo of {@code images/} and its boxes. */
    public record LabelledPhoto(String file, List<LabelBox> boxes) {
    }

    /** A box from its top-left corner, in pixels of the upright photo. */
    public record LabelBox(String label, long x, long y, long w, long h) {
    }
}
