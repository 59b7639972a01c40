package dev.anonymizer.detection.plan;

import dev.anonymizer.region.PixelRect;

/**
 * A part of the image the budget did not let the search cover down to the wanted height: objects from
 * {@code wantedMin} up were asked for there, the plans cover it from {@code coveredMin} up.
 */
public record Uncovered(Look look, PixelRect area, double wantedMin, double coveredMin) {
}
