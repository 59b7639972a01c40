package dev.anonymizer.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The evaluation as one self-contained HTML page ({@code index.html}): the recall table by group, recall and extra
 * area against threshold as an inline SVG plot, every missed box as a crop (largest first) and the images with the
 * most censored area outside labels; pictures are inline JPEG data URIs, so the file can be mailed or archived as is.
 * Numbers are formatted as in {@link EvaluationReport#table()}, so page and text agree.
 */
public final class HtmlReport {

    /** The page's file name in the report folder. */
    public static final String FILE = "index.html";

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
        "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"};
    private static final int PLOT_W = 720;
    private static final int PLOT_H = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 64;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private HtmlReport() {
    }

    /** Writes {@code dir/index.html} (creating {@code dir}) and returns its path. */
    public static Path write(Path dir, EvaluationReport report, ReportMaterial material) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            Files.writeString(file, render(report, material.misses(), material.worstExtraArea()), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    static String render(EvaluationReport report, List<ReportMaterial.MissCrop> misses,
            List<ReportMaterial.ExtraImage> worst) {
        double lowest = report.thresholds().get(0);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Evaluation: ").append(esc(report.set())).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #ddd;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0;width:210px}")
                .append("figure.extra{width:490px}figure img{display:block;max-width:100%}")
                .append("figcaption{font-size:12px;color:#555;overflow-wrap:anywhere}</style></head><body>\n");
        h.append("<h1>Evaluation of ").append(esc(report.set())).append("</h1>\n");
        h.append(String.format("<p id=\"summary\">%d images, %.0f ms/image. Misses and extra area below are those at "
                + "the lowest threshold tried, t=%.2f: what even the most permissive setting lets through.</p>%n",
                report.images(), report.millisPerImage(), lowest));
        table(h, report);
        plot(h, report);
        h.append(String.format("<h2 id=\"misses\">Missed at t=%.2f (%d), largest first</h2>%n", lowest, misses.size()));
        h.append("<p>Cut from the censored copy: what the output shows. The labelled box is drawn in red.</p>\n");
        h.append("<div class=\"grid\">\n");
        for (ReportMaterial.MissCrop c : misses) {
            ReportMaterial.Missed m = c.miss();
            h.append("<figure class=\"miss\"><img alt=\"missed ").append(esc(m.label())).append(" in ")
                    .append(esc(c.file())).append("\" src=\"").append(dataUri(c.jpeg())).append("\"><figcaption>")
                    .append(esc(c.file())).append(String.format(" %s %.0f,%.0f %.0fx%.0f covered %.0f%% (%s)", esc(m.label()),
                            m.box().x1(), m.box().y1(), m.box().width(), m.box().height(), 100 * m.covered(),
                            MissKind.of(m.covered()).key()))
                    .append("</figcaption></figure>\n");
        }
        h.append("</div>\n");
        h.append(String.format("<h2 id=\"extra\">Most censored outside labels at t=%.2f</h2>%n", lowest));
        h.append("<p>The censored copy; labelled boxes in green. Censoring outside them is extra area (it may be"
                + " real personal data nobody labelled).</p>\n<div class=\"grid\">\n");
        for (ReportMaterial.ExtraImage e : worst) {
            h.append("<figure class=\"extra\"><img alt=\"").append(esc(e.file())).append("\" src=\"")
                    .append(dataUri(e.jpeg())).append("\"><figcaption>").append(esc(e.file()))
                    .append(String.format(": %.1f%% of the image censored outside the labelled boxes (%d)",
                            100 * e.extraArea(), e.labels()))
                    .append("</figcaption></figure>\n");
        }
        h.append("</div>\n</body></html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, EvaluationReport report) {
        h.append("<h2>Recall by group and threshold</h2>\n<table id=\"recall\"><tr><th>group</th><th>boxes</th>");
        report.thresholds().forEach(t -> h.append(String.format("<th>t=%.2f</th>", t)));
        h.append("</tr>\n");
        for (String g : report.groups()) {
            h.append("<tr><td>").append(esc(g)).append("</td><td>").append(report.total(g)).append("</td>");
            for (double t : report.thresholds()) {
                h.append(String.format("<td data-group=\"%s\" data-threshold=\"%.2f\">%.1f%%</td>", esc(g), t,
                        100 * report.recall(g, t)));
            }
            h.append("</tr>\n");
        }
        h.append("<tr><td>extra area, all</td><td></td>");
        report.thresholds().forEach(t -> h.append(String.format("<td data-extra=\"all\">%.2f%%</td>",
                100 * report.meanExtraArea(t))));
        h.append("</tr>\n<tr><td>extra area, own</td><td></td>");
        report.thresholds().forEach(t -> h.append(String.format("<td data-extra=\"own\">%.2f%%</td>",
                100 * report.meanExtraAreaOwnCategory(t))));
        h.append("</tr>\n</table>\n");
    }

    /** Recall of every group (left axis, 0-100%) and the mean extra area (right axis, dashed) per threshold. */
    private static void plot(StringBuilder h, EvaluationReport report) {
        List<Double> ts = report.thresholds();
        double tMin = ts.get(0);
        double tMax = ts.get(ts.size() - 1);
        double extraMax = ts.stream().mapToDouble(report::meanExtraArea).filter(d -> !Double.isNaN(d)).max().orElse(0);
        // the right axis ends at the next 5% above the largest extra area, so the dashed line uses the height
        double extraTop = Math.max(0.05, Math.ceil(extraMax * 20) / 20);
        int w = PLOT_W - LEFT - RIGHT;
        int ht = PLOT_H - TOP - BOTTOM;
        h.append("<h2>Recall and extra area against threshold</h2>\n");
        h.append(String.format("<svg id=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-size=\"11\">%n", PLOT_W + 220, PLOT_H, PLOT_W + 220, PLOT_H));
        for (int i = 0; i <= 4; i++) {
            double y = TOP + ht - i * ht / 4.0;
            h.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, LEFT + w, y, y))
                    .append(String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>", LEFT - 6, y + 4, i * 25))
                    .append(String.format("<text x=\"%d\" y=\"%.1f\" fill=\"#555\">%.1f%%</text>%n", LEFT + w + 6, y + 4,
                            100 * extraTop * i / 4));
        }
        for (double t : ts) {
            h.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>", x(t, tMin, tMax, w),
                    TOP + ht + 16, t));
        }
        h.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">threshold</text>%n", LEFT + w / 2,
                TOP + ht + 34));
        List<String> groups = report.groups();
        for (int g = 0; g < groups.size(); g++) {
            String colour = COLOURS[g % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double t : ts) {
                double r = report.recall(groups.get(g), t);
                if (!Double.isNaN(r)) {
                    double px = x(t, tMin, tMax, w);
                    double py = TOP + ht * (1 - r);
                    points.append(String.format("%.1f,%.1f ", px, py));
                    h.append(String.format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", px, py, colour));
                }
            }
            h.append(String.format("<polyline class=\"recall\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                    colour, points.toString().trim()));
            h.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", PLOT_W + 4, TOP + 12 + 16 * g, colour,
                    esc("recall " + groups.get(g))));
        }
        StringBuilder extra = new StringBuilder();
        for (double t : ts) {
            double e = report.meanExtraArea(t);
            if (!Double.isNaN(e)) {
                extra.append(String.format("%.1f,%.1f ", x(t, tMin, tMax, w), TOP + ht * (1 - e / extraTop)));
            }
        }
        h.append(String.format("<polyline class=\"extra\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\" "
                + "stroke-dasharray=\"6 4\" points=\"%s\"/>", extra.toString().trim()));
        h.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#555\">extra area, all (right axis)</text>%n", PLOT_W + 4,
                TOP + 12 + 16 * groups.size()));
        h.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                LEFT, TOP, w, ht));
        h.append("</svg>\n");
    }

    private static double x(double t, double tMin, double tMax, int width) {
        return LEFT + (tMax == tMin ? width / 2.0 : (t - tMin) / (tMax - tMin) * width);
    }

    private static String dataUri(byte[] jpeg) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
