package dev.anonymizer.imaging.jpeg;

import dev.anonymizer.imaging.IccProfile;
import dev.anonymizer.imaging.Orientation;

/**
 * All the metadata an output JPEG carries: the JFIF pixel density, the orientation tag (none when upright) and the
 * ICC profile (null: none).
 */
record OutputMetadata(JfifDensity density, Orientation orientation, IccProfile icc) {
}
