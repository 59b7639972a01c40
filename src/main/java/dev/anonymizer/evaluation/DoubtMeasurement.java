package dev.anonymizer.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.censor.CensorPolicy;
import dev.anonymizer.censor.CensorStyle;
import dev.anonymizer.pipeline.AnonymizedImage;
import dev.anonymizer.pipeline.Anonymizer;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Region;

/**
 * Whether the doubt rules predict the misses: runs the core with the configured thresholds and doubt rules
 * ({@code anonymizer.review.*}) over a folder of labelled photos (plates, faces) and, per rule, counts the photos it
 * flags and the misses (labelled boxes the censored regions cover less than {@link Evaluator#COVERED}) that lie in
 * flagged photos and inside a doubt's box. A rule pays when it flags few photos and many misses.
 */
@ApplicationScoped
public class DoubtMeasurement {

    private final Anonymizer core;
    private final CensorPolicy policy;
    private final ObjectMapper json;

    public DoubtMeasurement(Anonymizer core, CensorPolicy policy, ObjectMapper json) {
        this.core = core;
        this.policy = policy;
        this.json = json;
    }

    /** Measures every labelled photo under {@code folder} whose labels are faces or plates. */
    public DoubtTable measure(Path folder, Consumer<String> progress) {
        List<LabelledImage> images = LabelledSets.load(folder, json).stream()
                .filter(i -> i.boxes().stream().anyMatch(b -> b.label().equals("plate") || b.label().equals("face")))
                .toList();
        DoubtTable table = new DoubtTable(folder.toString());
        int done = 0;
        for (LabelledImage image : images) {
            AnonymizedImage anonymized = core.anonymize(read(image.file()));
            table.add(new DoubtTable.Photo(folder.relativize(image.file()).toString(), anonymized.width(),
                    anonymized.height(), misses(image, anonymized), anonymized.doubts()));
            if (++done % 25 == 0) {
                progress.accept(done + "/" + images.size() + " images");
            }
        }
        return table;
    }

    /** The labelled boxes of the photo that the censored regions cover less than {@link Evaluator#COVERED}. */
    private List<Box> misses(LabelledImage image, AnonymizedImage anonymized) {
        List<Box> rectangles = new ArrayList<>();
        List<Box> ellipses = new ArrayList<>();
        for (Region r : anonymized.censored()) {
            boolean ellipse = policy.shapeOf(r.category()).filter(s -> s == CensorStyle.Shape.ELLIPSE).isPresent();
            (ellipse ? ellipses : rectangles).add(r.box());
        }
        return image.boxes().stream().map(LabelledImage.Labelled::box)
                .filter(b -> Coverage.covered(b, rectangles, ellipses) < Evaluator.COVERED).toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
