package dev.anonymizer.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.anonymizer.detection.Doubt;
import dev.anonymizer.detection.DoubtKind;
import dev.anonymizer.region.Box;

/**
 * Per doubt kind (one whose rule is off flags nothing): photos flagged, misses in flagged photos, misses inside a
 * doubt box. Written as a Markdown table; {@link #jsonLines()} gives each photo's misses and doubts, from which variants of the
 * rules' settings can be judged without running the detectors again.
 */
public final class DoubtTable {

    /** A missed box lies "inside" a doubt when at least this share of it is in the doubt's box. */
    static final double INSIDE = 0.5;

    /** One photo: its name and size, its misses and the doubts the core named. */
    record Photo(String file, int width, int height, List<Box> misses, List<Doubt> doubts) {
    }

    /** A row: which doubts it counts. */
    record Rule(String name, Predicate<Doubt> keeps) {
    }

    private final String set;
    private final List<Photo> photos = new ArrayList<>();

    DoubtTable(String set) {
        this.set = set;
    }

    void add(Photo photo) {
        photos.add(photo);
    }

    /** One row per kind, then one for any doubt at all. */
    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (DoubtKind k : DoubtKind.values()) {
            rules.add(new Rule(k.code(), d -> d.kind() == k));
        }
        rules.add(new Rule("any doubt", d -> true));
        return rules;
    }

    /**
     * One JSON object per line and photo ({@code file, width, height, misses: [[x1,y1,x2,y2]...], doubts: [{kind,
     * box, score}...]}), for measuring other variants of the rules without running the detectors again.
     */
    public String jsonLines() {
        StringBuilder out = new StringBuilder();
        for (Photo p : photos) {
            out.append(String.format(Locale.ROOT, "{\"file\":\"%s\",\"width\":%d,\"height\":%d,\"misses\":[%s],\"doubts\":[%s]}%n",
                    p.file().replace("\\", "/").replace("\"", ""), p.width(), p.height(),
                    String.join(",", p.misses().stream().map(DoubtTable::box).toList()),
                    String.join(",", p.doubts().stream().map(d -> String.format(Locale.ROOT,
                            "{\"kind\":\"%s\",\"box\":%s%s}", d.kind().code(), box(d.box()),
                            d.score().isPresent() ? String.format(Locale.ROOT, ",\"score\":%.4f",
                                    d.score().getAsDouble()) : "")).toList())));
        }
        return out.toString();
    }

    private static String box(Box b) {
        return String.format(Locale.ROOT, "[%.0f,%.0f,%.0f,%.0f]", b.x1(), b.y1(), b.x2(), b.y2());
    }

    /** The table: one row per rule. */
    public String markdown() {
        int misses = photos.stream().mapToInt(p -> p.misses().size()).sum();
        long withMiss = photos.stream().filter(p -> !p.misses().isEmpty()).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d photos, %d with a miss, %d misses%n", set, photos.size(),
                withMiss, misses));
        out.append("| set | rule | photos flagged | flagged with a miss | misses in flagged photos | misses inside a doubt box |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Rule rule : rules()) {
            int flagged = 0;
            int flaggedWithMiss = 0;
            int caught = 0;
            int inside = 0;
            for (Photo p : photos) {
                List<Doubt> ds = p.doubts().stream().filter(rule.keeps()).toList();
                if (ds.isEmpty()) {
                    continue;
                }
                flagged++;
                flaggedWithMiss += p.misses().isEmpty() ? 0 : 1;
                caught += p.misses().size();
                inside += (int) p.misses().stream()
                        .filter(m -> ds.stream().anyMatch(d -> m.coveredBy(d.box()) >= INSIDE)).count();
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %d (%s) | %d | %d (%s) | %d (%s) |%n", set,
                    rule.name(), flagged, pct(flagged, photos.size()), flaggedWithMiss, caught, pct(caught, misses),
                    inside, pct(inside, misses)));
        }
        return out.toString();
    }

    private static String pct(int n, int of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * n / of);
    }
}
