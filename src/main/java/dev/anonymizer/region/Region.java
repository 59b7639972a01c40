package dev.anonymizer.region;

/**
 * One detected thing: its category, the model's label and score, its box in image pixels and the model that found it.
 */
public record Region(Category category, String label, double score, Box box, String model) {

    public Region withBox(Box newBox) {
        return new Region(category, label, score, newBox, model);
    }
}
