package dev.anonymizer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files the {@code anonymize} command handles and where each copy goes: a file named on the command line goes
 * to {@code DIR/<name>}; a folder is searched recursively for images (by extension; hidden files and folders, and
 * the output folder, left out) and each goes to {@code DIR/<path inside the folder>}, so names cannot collide.
 */
final class InputFiles {

    /** Extensions of the formats the core reads; in folders, other files (labels, notes) are left alone. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "webp", "tif", "tiff", "bmp");

    /** One file to anonymize and where its censored copy goes. */
    record Job(Path input, Path output) {
    }

    /** The jobs in command-line order (folders sorted), and how many files in folders were not images. */
    record Plan(List<Job> jobs, int leftAlone) {
    }

    private InputFiles() {
    }

    /** @throws IllegalArgumentException when the output folder is an input folder or two inputs share an output */
    static Plan plan(List<Path> paths, Path outputDir) {
        Path out = outputDir.toAbsolutePath().normalize();
        List<Job> jobs = new ArrayList<>();
        int[] leftAlone = {0};
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                if (abs.equals(out)) {
                    throw new IllegalArgumentException("the output folder " + outputDir
                            + " is an input folder: its copies would replace the photos");
                }
                for (Path f : walk(abs, out)) {
                    if (isImageName(f)) {
                        jobs.add(new Job(f, out.resolve(abs.relativize(f).toString())));
                    } else {
                        leftAlone[0]++;
                    }
                }
            } else {
                jobs.add(new Job(abs, out.resolve(abs.getFileName().toString())));
            }
        }
        Map<Path, Path> byOutput = new HashMap<>();
        for (Job j : jobs) {
            Path earlier = byOutput.putIfAbsent(j.output(), j.input());
            if (earlier != null && !earlier.equals(j.input())) {
                throw new IllegalArgumentException(earlier + " and " + j.input() + " would both be written to "
                        + j.output() + "; anonymize them into different folders");
            }
            if (j.output().equals(j.input())) {
                throw new IllegalArgumentException(j.input() + " would be overwritten: choose another output folder");
            }
        }
        return new Plan(jobs.stream().distinct().toList(), leftAlone[0]);
    }

    private static List<Path> walk(Path dir, Path skip) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(skip))
                    .filter(f -> !isHidden(dir.relativize(f)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isImageName(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
