package dev.anonymizer.censor;

import java.util.Map;

import dev.anonymizer.region.Category;

/**
 * The censoring policy as plain values: per category whether it is censored, how and how much each box is padded.
 *
 * @param blurCells     blur keeps at most this many samples across a region's shorter side
 * @param pixelateCells pixelation: at most this many blocks across a region's shorter side
 * @param categories    the policy of each category; every category has one
 */
public record CensorSettings(int blurCells, int pixelateCells, Map<Category, CategoryPolicy> categories) {

    public CensorSettings {
        categories = Map.copyOf(categories);
        for (Category c : Category.values()) {
            if (!categories.containsKey(c)) {
                throw new IllegalArgumentException("no censor policy for " + c.key());
            }
        }
    }

    /**
     * One category's policy.
     *
     * @param padX padding on the left and on the right, as a fraction of the box width
     * @param padY padding above and below, as a fraction of the box height
     */
    public record CategoryPolicy(boolean enabled, CensorStyle style, double padX, double padY) {
    }
}
