package dev.anonymizer.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.region.Box;

/**
 * Reads a folder of labelled images in either of the two formats of the shared evaluation sets:
 * <ul>
 * <li>{@code labels.json}: {@code {"images":[{"file", "boxes":[{"label","x","y","w","h"}], "ignore":[...]}]}}, images
 * in {@code images/} beside it (or beside the JSON);</li>
 * <li>one {@code <image>.txt} per image, a line {@code file TAB x TAB y TAB w TAB h TAB text} per plate (label
 * {@code plate}), searched in the folder and its sub-folders.</li>
 * </ul>
 */
public final class LabelledSets {

    private LabelledSets() {
    }

    public static List<LabelledImage> load(Path folder, ObjectMapper json) {
        Path labels = folder.resolve("labels.json");
        try {
            return Files.isRegularFile(labels) ? fromJson(folder, labels, json) : fromTextFiles(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels in " + folder, e);
        }
    }

    private static List<LabelledImage> fromJson(Path folder, Path labels, ObjectMapper json) throws IOException {
        Path images = Files.isDirectory(folder.resolve("images")) ? folder.resolve("images") : folder;
        List<LabelledImage> out = new ArrayList<>();
        for (JsonNode img : json.readTree(labels.toFile()).path("images")) {
            List<LabelledImage.Labelled> boxes = new ArrayList<>();
            for (JsonNode b : img.path("boxes")) {
                boxes.add(new LabelledImage.Labelled(b.path("label").asText(), box(b),
                        b.path("blur").asInt(0) >= 2 || b.path("occlusion").asInt(0) >= 2));
            }
            List<Box> ignore = new ArrayList<>();
            for (JsonNode b : img.path("ignore")) {
                ignore.add(box(b));
            }
            out.add(new LabelledImage(images.resolve(img.path("file").asText()), boxes, ignore));
        }
        return out;
    }

    private static List<LabelledImage> fromTextFiles(Path folder) throws IOException {
        List<LabelledImage> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                List<LabelledImage.Labelled> boxes = new ArrayList<>();
                Path image = null;
                for (String line : Files.readAllLines(txt, StandardCharsets.UTF_8)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 5) {
                        continue;
                    }
                    image = txt.resolveSibling(f[0]);
                    boxes.add(new LabelledImage.Labelled("plate", Box.ofSize(Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]))));
                }
                if (image != null && Files.isRegularFile(image)) {
                    out.add(new LabelledImage(image, boxes, List.of()));
                }
            }
        }
        return out;
    }

    private static Box box(JsonNode b) {
        return Box.ofSize(b.path("x").asDouble(), b.path("y").asDouble(), b.path("w").asDouble(), b.path("h").asDouble());
    }
}
