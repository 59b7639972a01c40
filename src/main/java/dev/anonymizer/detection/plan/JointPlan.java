package dev.anonymizer.detection.plan;

import java.util.List;

/**
 * Everything one detector searches in one image, planned together inside one {@link ImageBudget}: the whole-image
 * plan, the closer looks (one plan per merged look area), the canvases that pack the looks' passes into few model
 * inputs ({@code packed}; the looks' passes too large for a canvas run alone, {@code alone}), and what the budget
 * left uncovered.
 *
 * @param budgetPixels the model-input pixels this image was allowed
 */
public record JointPlan(String model, long budgetPixels, SearchPlan whole, List<SearchPlan> looks,
        List<Canvas> packed, List<Pass> alone, List<Uncovered> uncovered) {

    public JointPlan {
        looks = List.copyOf(looks);
        packed = List.copyOf(packed);
        alone = List.copyOf(alone);
        uncovered = List.copyOf(uncovered);
    }

    /** Model-input pixels the image really costs: the whole-image passes, the canvases and the passes run alone. */
    public long spentPixels() {
        return whole.inputPixels() + packed.stream().mapToLong(Canvas::inputPixels).sum()
                + alone.stream().mapToLong(Pass::inputPixels).sum();
    }

    /** How many model inputs (inferences) the plan runs. */
    public int inferences() {
        return whole.passes().size() + packed.size() + alone.size();
    }

    /** This plan without its whole-image passes: the looks' model inputs only. */
    public JointPlan withoutWholeImage() {
        return new JointPlan(model, budgetPixels, SearchPlan.empty(whole.look(), model, whole.area(), whole.wanted()),
                looks, packed, alone, uncovered);
    }

    /** Only {@code passes} of the whole-image plan, none of the looks. */
    public JointPlan onlyWholeImage(List<Pass> passes) {
        return new JointPlan(model, budgetPixels, new SearchPlan(whole.look(), model, whole.area(), whole.wanted(),
                whole.covered(), passes), List.of(), List.of(), List.of(), List.of());
    }

    /** The whole-image plan first, then the looks: the plans the audit record lists. */
    public List<SearchPlan> plans() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(whole), looks.stream()).toList();
    }
}
