/**
 * The search plan: which scales, tiles and mirror passes each detector runs over an image or a crop, chosen from
 * the object sizes the model finds well (its descriptor) and the object sizes wanted (configuration). Pure
 * arithmetic, unit-tested without models; {@code detection.PersonalDataFinder} runs the plans.
 */
package dev.anonymizer.detection.plan;
