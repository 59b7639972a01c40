package dev.anonymizer.censor;

import dev.anonymizer.config.CensorConfig.FillColour;
import dev.anonymizer.config.CensorConfig.Method;
import dev.anonymizer.config.CensorConfig.Shape;

/**
 * How one region is censored.
 *
 * @param feather width of the soft edge as a fraction of the box's shorter side (0 = hard edge)
 */
public record CensorStyle(Method method, Shape shape, FillColour fillColour, double feather) {
}
