package dev.anonymizer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.Main;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * {@code evaluate --labels DIR}: on a small labelled folder (plate-format labels) the real text detector finds the
 * drawn plate, a wrongly placed label is reported as missed, and the table, the threshold advice and the misses
 * are printed; {@code --report} writes the same as one HTML page with a crop of the miss.
 */
@QuarkusMainTest
@TestProfile(FastPipelineProfile.class)
class EvaluateCommandTest {

    @Test
    void evaluatesALabelledFolder(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("evaluate");
        try (Mat plate = TestImages.syntheticPlate()) {
            Files.write(dir.resolve("plate.png"), TestImages.encode(plate, ".png"));
            Files.write(dir.resolve("wrong.png"), TestImages.encode(plate, ".png"));
        }
        Files.writeString(dir.resolve("plate.txt"), "plate.png\t160\t215\t320\t90\tAB123CD\n");
        // a label where nothing is: must be missed
        Files.writeString(dir.resolve("wrong.txt"), "wrong.png\t10\t10\t100\t40\tNOTHERE\n");

        Path reportDir = dir.resolve("report");
        LaunchResult r = launcher.launch("evaluate", "--labels", dir.toString(), "--thresholds", "0.5,0.9",
                "--target", "0.5", "--misses", "--report", reportDir.toString());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains("2 images"), out);
        assertTrue(out.matches("(?s).*plate\\s+2\\s+50\\.0%.*"), "one of two plates censored at t=0.5: " + out);
        assertTrue(out.contains("plate: threshold"), out);
        assertTrue(out.contains("missed at 0.5: wrong.png plate 10,10 100x40"), out);
        // the kind of each miss: the label where nothing is was not covered at all, none was covered in part
        assertTrue(out.matches("(?s).*missed, not at all\\s+1\\s+1\\b.*"), out);
        assertTrue(out.matches("(?s).*missed, partly\\s+0\\s+0\\b.*"), out);
        assertTrue(out.contains("(not-covered)"), out);

        // the HTML report: self-contained, every miss of the text report with its crop, the same numbers
        String html = Files.readString(reportDir.resolve(HtmlReport.FILE));
        assertFalse(html.contains("src=\"http") || html.contains("<script") || html.contains("<link"),
                "nothing loaded from elsewhere");
        long textMisses = out.lines().filter(l -> l.startsWith("missed at ")).count();
        Matcher miss = Pattern.compile("<figure class=\"miss\"><img alt=\"[^\"]*\" src=\"data:image/jpeg;base64,"
                + "([A-Za-z0-9+/=]+)\"><figcaption>([^<]*)</figcaption>").matcher(html);
        List<String> captions = new ArrayList<>();
        while (miss.find()) {
            byte[] jpeg = Base64.getDecoder().decode(miss.group(1));
            try (Mat crop = TestImages.decode(jpeg)) {
                assertTrue(crop.cols() > 0 && Math.max(crop.cols(), crop.rows()) <= 200, "a decodable crop");
            }
            captions.add(miss.group(2));
        }
        assertEquals(textMisses, captions.size(), "every miss has its crop: " + captions);
        assertEquals(List.of("wrong.png plate 10,10 100x40 covered 0% (not-covered)"), captions);
        // recall cells as in the text table (one of two plates at t=0.5)
        assertTrue(html.contains("<td data-group=\"plate\" data-threshold=\"0.50\">50.0%</td>"), html);
        Matcher extraAll = Pattern.compile("<td data-extra=\"all\">([0-9.]+%)</td>").matcher(html);
        List<String> extras = new ArrayList<>();
        while (extraAll.find()) {
            extras.add(extraAll.group(1));
        }
        assertEquals(2, extras.size(), "one extra-area cell per threshold");
        assertTrue(out.contains(extras.get(0)), "extra area as in the text table: " + extras + "\n" + out);
        assertTrue(html.contains("<polyline class=\"recall\""), "recall plotted");
        assertTrue(html.contains("<polyline class=\"extra\""), "extra area plotted");
        // wrong.png's plate is censored but not labelled there: the image with the most extra area
        assertTrue(html.contains("<figure class=\"extra\"><img alt=\"wrong.png\""), "worst extra area shown");
    }

    /**
     * {@code evaluate --doubts}: the per-rule table over the same folder, at the configured thresholds: the miss is
     * counted, each rule has its row, and {@code --report} writes each photo's misses and doubts.
     */
    @Test
    void measuresTheDoubtRules(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("doubts");
        try (Mat plate = TestImages.syntheticPlate()) {
            Files.write(dir.resolve("plate.png"), TestImages.encode(plate, ".png"));
            Files.write(dir.resolve("wrong.png"), TestImages.encode(plate, ".png"));
        }
        Files.writeString(dir.resolve("plate.txt"), "plate.png\t160\t215\t320\t90\tAB123CD\n");
        Files.writeString(dir.resolve("wrong.txt"), "wrong.png\t10\t10\t100\t40\tNOTHERE\n");
        Path reportDir = dir.resolve("report");
        LaunchResult r = launcher.launch("evaluate", "--labels", dir.toString(), "--doubts", "--report",
                reportDir.toString());
        assertEquals(0, r.exitCode(), r.getErrorOutput());
        String out = r.getOutput();
        assertTrue(out.contains(": 2 photos, 1 with a miss, 1 misses"), out);
        for (dev.anonymizer.detection.DoubtKind kind : dev.anonymizer.detection.DoubtKind.values()) {
            assertTrue(out.contains("| " + kind.code() + " |"), kind.code() + " has its row: " + out);
        }
        assertTrue(out.contains("| any doubt |"), out);
        List<String> photos = Files.readAllLines(reportDir.resolve("doubts.jsonl"));
        assertEquals(2, photos.size(), photos.toString());
        String wrong = photos.stream().filter(l -> l.contains("\"wrong.png\"")).findFirst().orElseThrow();
        assertTrue(wrong.contains("\"misses\":[[10,10,110,50]]"), "the label where nothing is was missed: " + wrong);
        String plate = photos.stream().filter(l -> l.contains("\"plate.png\"")).findFirst().orElseThrow();
        assertTrue(plate.contains("\"misses\":[]"), "the drawn plate was censored: " + plate);
    }

    @Test
    void missingFolderIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("evaluate", "--labels", "/nonexistent/folder");
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.getErrorOutput().contains("--labels must name a folder"), r.getErrorOutput());
    }
}
