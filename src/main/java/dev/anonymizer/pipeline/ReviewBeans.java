package dev.anonymizer.pipeline;

import java.util.EnumSet;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.config.ReviewConfig;
import dev.anonymizer.detection.DoubtKind;
import dev.anonymizer.detection.DoubtRules;

/**
 * Builds the core's {@link DoubtRules} from {@code anonymizer.review.*}: none in mode {@code off}; otherwise the
 * rules that are on, judging the same zones the closer looks search ({@code anonymizer.detection.closer-look.*}).
 */
@Singleton
public class ReviewBeans {

    @Produces
    @Singleton
    DoubtRules doubtRules(ReviewConfig review, DetectionConfig detection) {
        return rules(review, detection);
    }

    /** The rules the configuration asks for. */
    static DoubtRules rules(ReviewConfig review, DetectionConfig detection) {
        if (!review.mode().findsDoubts() || review.rules().isEmpty()) {
            return DoubtRules.NONE;
        }
        DetectionConfig.CloserLook look = detection.closerLook();
        return new DoubtRules(new DoubtRules.Settings(EnumSet.copyOf(review.rules()), review.faceBand(),
                look.vehiclePlateZone(), look.personHeadFraction(), look.minBoxSide(), review.vehicleMinScore(),
                review.personMinHeight()));
    }
}
