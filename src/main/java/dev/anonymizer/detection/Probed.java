package dev.anonymizer.detection;

import java.util.List;

import dev.anonymizer.region.Box;

/**
 * One model input's finds, and the boxes of blobs too weak to be finds that it nominates for a finer look (text too
 * small for the scale it was seen at).
 */
public record Probed(List<Detection> found, List<Box> nominated) {

    public Probed {
        found = List.copyOf(found);
        nominated = List.copyOf(nominated);
    }
}
