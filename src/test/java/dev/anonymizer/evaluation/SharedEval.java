package dev.anonymizer.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/eval (labelled real photos, never committed); skips, saying so, when it is absent. */
final class SharedEval {

    /** Thresholds swept; {@code -Deval.thresholds=0.2,0.3} picks others. */
    static final java.util.List<Double> THRESHOLDS = java.util.Arrays.stream(
            System.getProperty("eval.thresholds", "0.2,0.25,0.3,0.4,0.5").split(","))
            .map(String::trim).map(Double::valueOf).toList();

    private SharedEval() {
    }

    static Path folder(String set) {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path eval = root.resolveSibling("shared").resolve("eval").resolve(set);
        if (!Files.isDirectory(eval)) {
            String msg = "SKIPPED: " + eval + " is absent; the recall evaluation needs ../shared/eval beside the project";
            System.out.println(msg);
            Assumptions.assumeTrue(false, msg);
        }
        System.out.println("reading labelled images from " + eval);
        return eval;
    }
}
