package dev.anonymizer.detection.plan;

import dev.anonymizer.region.PixelRect;

/**
 * A closer look asked for: a part of the image (a vehicle with its context, the upper part of a person) and the
 * smallest object height wanted there (image pixels). The joint planner decides whether, and how closely, it is
 * searched.
 */
public record LookRequest(Look look, PixelRect area, double wantedMin) {

    public LookRequest {
        if (area.isEmpty() || !(wantedMin > 0)) {
            throw new IllegalArgumentException("expected a non-empty area and a wanted height above 0, got " + area
                    + ", " + wantedMin);
        }
    }
}
