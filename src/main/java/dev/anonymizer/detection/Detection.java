package dev.anonymizer.detection;

import dev.anonymizer.region.Box;

/** What a model reported: a label, its score and a box in pixels of the image it was given. */
public record Detection(String label, double score, Box box) {
}
