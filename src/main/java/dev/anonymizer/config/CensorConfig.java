package dev.anonymizer.config;

import dev.anonymizer.censor.CensorStyle.FillColour;
import dev.anonymizer.censor.CensorStyle.Method;
import dev.anonymizer.censor.CensorStyle.Shape;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per category: whether regions are censored, how, and how much each box is padded. Faces and text are censored
 * by default; persons and vehicles only steer the search.
 */
@ConfigMapping(prefix = "anonymizer.censor")
public interface CensorConfig {

    /** Faces. */
    Face face();

    /** Licence plates and other text. */
    Text text();

    /** Plate frames found around text. */
    Plate plate();

    /** Whole persons. */
    Person person();

    /** Whole vehicles. */
    Vehicle vehicle();

    /**
     * Blur keeps at most this many samples across a region's shorter side (then smooths them back up), so the
     * strength grows with the region and the detail needed to read a face or a plate is gone, not just hidden.
     */
    @WithDefault("5")
    int blurCells();

    /**
     * Pixelation: at most this many blocks across a region's shorter side and twice as many along its longer side
     * (block size scales with the region).
     */
    @WithDefault("4")
    int pixelateCells();

    /**
     * One category's policy. The style settings all categories share a default for are given here; each category
     * gives its own defaults for whether it is censored, the shape and the padding.
     */
    interface Policy {

        /** Whether regions of this category are censored. */
        boolean enabled();

        @WithDefault("blur")
        Method method();

        Shape shape();

        @WithDefault("black")
        FillColour fillColour();

        /** Soft edge (a blend over a band of this fraction of the box's shorter side); 0 = hard edge. */
        @WithDefault("0")
        double feather();

        /** Padding added on the left and right, as a fraction of the box width. */
        double padX();

        /** Padding added at top and bottom, as a fraction of the box height. */
        double padY();
    }

    /** Face policy. */
    interface Face extends Policy {
        @Override
        @WithDefault("true")
        boolean enabled();

        @Override
        @WithDefault("ellipse")
        Shape shape();

        /**
         * With 0.18 across and 0.25 above and below, the ellipse still passes just outside the detected box's
         * corners ((0.5/0.68)^2 + (0.5/0.75)^2 = 0.985), so it covers the whole box.
         */
        @Override
        @WithDefault("0.18")
        double padX();

        /**
         * YuNet learned WIDER FACE's boxes, which reach from the hairline to the chin; 0.25 instead of 0.3 took the
         * face censors' area outside labelled faces from 11.0% to 9.7% of the WIDER photos for 0.2 points of recall.
         */
        @Override
        @WithDefault("0.25")
        double padY();
    }

    /**
     * Text / plate policy. Text boxes wrap the characters, not the plate frame (state names, borders, stickers),
     * hence the wide padding: with 0.25 / 0.6, 99.7% of the 330 labelled plates of the evaluation set are covered
     * to at least 80% (0.15 / 0.35: 98.2%).
     */
    interface Text extends Policy {
        @Override
        @WithDefault("true")
        boolean enabled();

        @Override
        @WithDefault("rectangle")
        Shape shape();

        @Override
        @WithDefault("0.25")
        double padX();

        @Override
        @WithDefault("0.6")
        double padY();
    }

    /**
     * Plate policy: a plate region is the plate's own frame found in the image (and its characters with a margin),
     * so it needs little padding.
     */
    interface Plate extends Policy {
        @Override
        @WithDefault("true")
        boolean enabled();

        @Override
        @WithDefault("rectangle")
        Shape shape();

        @Override
        @WithDefault("0.02")
        double padX();

        @Override
        @WithDefault("0.05")
        double padY();
    }

    /** Person policy. */
    interface Person extends Policy {
        @Override
        @WithDefault("false")
        boolean enabled();

        @Override
        @WithDefault("rectangle")
        Shape shape();

        @Override
        @WithDefault("0.05")
        double padX();

        @Override
        @WithDefault("0.05")
        double padY();
    }

    /** Vehicle policy. */
    interface Vehicle extends Policy {
        @Override
        @WithDefault("false")
        boolean enabled();

        @Override
        @WithDefault("rectangle")
        Shape shape();

        @Override
        @WithDefault("0")
        double padX();

        @Override
        @WithDefault("0")
        double padY();
    }
}
