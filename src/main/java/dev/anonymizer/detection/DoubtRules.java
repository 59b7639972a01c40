package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.anonymizer.detection.plan.Uncovered;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.region.Region;

/**
 * The rules that name a photo's doubts from its findings, each one a reader can check against the audit record:
 * <ul>
 * <li>{@code vehicle-without-plate}: a vehicle box (both sides at least {@code minBoxSide}, scored at least
 * {@code vehicleMinScore}) whose plate zone, the lower {@code plateZone} share of the box (the part a closer look
 * searches for plates), lies inside the photo (it keeps more than {@link #FRAME_MARGIN} px from every edge: a vehicle
 * cut by the frame often has its plate outside the photo) and holds no text or plate region (one lying at least half
 * inside it); the doubt's box is the zone, its score the vehicle's;</li>
 * <li>{@code face-below-threshold}: a face find scored in [min-score - {@code faceBand}, min-score): it is not
 * censored, it is named; the doubt's box and score are the find's;</li>
 * <li>{@code person-without-face}: a person box (both sides at least {@code minBoxSide}, at least
 * {@code personMinHeight} px tall) whose head part, the upper {@code headFraction} of the box, lies inside the photo
 * (as above: a person cut by the frame may have its face outside it) and holds no face censored; box: the head part,
 * score: the person's;</li>
 * <li>{@code search-uncovered}: every area the detector's budget left uncovered (the audit record's
 * {@code budgets[].uncovered}); box: the area, no score.</li>
 * </ul>
 * Only the kinds in {@code kinds} are named. Framework-free: the shell builds the settings from the configuration.
 */
public final class DoubtRules {

    /** A region lying at least this share inside a zone counts as the zone's. */
    static final double INSIDE = 0.5;
    /** A vehicle box closer than this to an edge of the photo (px) is cut by the frame. */
    public static final double FRAME_MARGIN = 2;

    /** Names no doubt and searches at the given thresholds: review off. */
    public static final DoubtRules NONE = new DoubtRules(new Settings(Set.of(), 0, 0.6, 0.6, 0, 0, 0));

    /**
     * @param kinds        the rules that are on
     * @param faceBand     width of the score band under the face threshold whose finds are named
     * @param plateZone    lower share of a vehicle box where its plate would be
     * @param headFraction upper share of a person box where its face would be
     * @param minBoxSide   vehicles and persons with a shorter side are too small to judge
     * @param vehicleMinScore vehicles scored lower are not judged (often no vehicle, or one seen side-on)
     * @param personMinHeight persons less tall (px) are not judged (their faces are smaller than the face search's
     *                        floor)
     */
    public record Settings(Set<DoubtKind> kinds, double faceBand, double plateZone, double headFraction,
            int minBoxSide, double vehicleMinScore, double personMinHeight) {

        public Settings {
            kinds = Set.copyOf(kinds);
            if (faceBand < 0 || faceBand >= 1) {
                throw new IllegalArgumentException("face band must lie in [0, 1), got " + faceBand);
            }
        }
    }

    /** The findings with the below-threshold faces taken out, and the doubts named. */
    public record Judged(List<Region> found, List<Doubt> doubts) {
    }

    private final Settings settings;

    public DoubtRules(Settings settings) {
        this.settings = settings;
    }

    /** Whether any rule is on. */
    public boolean active() {
        return !settings.kinds().isEmpty();
    }

    /** The kinds named. */
    public Set<DoubtKind> kinds() {
        return settings.kinds();
    }

    /**
     * The thresholds to search at so the face band can be judged: the face threshold lowered by the band (the finds
     * in the band are taken out again by {@link #judge}).
     */
    public PersonalDataFinder.Thresholds searchThresholds(PersonalDataFinder.Thresholds min) {
        if (!on(DoubtKind.FACE_BELOW_THRESHOLD) || settings.faceBand() == 0) {
            return min;
        }
        return new PersonalDataFinder.Thresholds(Math.max(0, min.face() - settings.faceBand()), min.text(),
                min.objects());
    }

    /**
     * Judges what a search at {@link #searchThresholds} found in a {@code width x height} photo: faces under
     * {@code faceMinScore} are taken out of the findings (they are not censored) and the rules that are on name their
     * doubts.
     */
    public Judged judge(List<Region> searched, List<PersonalDataFinder.BudgetReport> budgets, double faceMinScore,
            int width, int height) {
        List<Region> found = new ArrayList<>(searched.size());
        List<Doubt> doubts = new ArrayList<>();
        for (Region r : searched) {
            if (r.category() == Category.FACE && r.score() < faceMinScore) {
                if (on(DoubtKind.FACE_BELOW_THRESHOLD) && r.score() >= faceMinScore - settings.faceBand()) {
                    doubts.add(Doubt.scored(DoubtKind.FACE_BELOW_THRESHOLD, r.box(), r.score()));
                }
            } else {
                found.add(r);
            }
        }
        if (on(DoubtKind.VEHICLE_WITHOUT_PLATE)) {
            for (Region v : judgeable(found, Category.VEHICLE)) {
                if (v.score() < settings.vehicleMinScore()) {
                    continue;
                }
                Box b = v.box();
                Box zone = new Box(b.x1(), b.y2() - settings.plateZone() * b.height(), b.x2(), b.y2());
                if (!cutByFrame(zone, width, height) && noneInside(found, zone, Category.TEXT, Category.PLATE)) {
                    doubts.add(Doubt.scored(DoubtKind.VEHICLE_WITHOUT_PLATE, zone, v.score()));
                }
            }
        }
        if (on(DoubtKind.PERSON_WITHOUT_FACE)) {
            for (Region p : judgeable(found, Category.PERSON)) {
                Box b = p.box();
                Box head = new Box(b.x1(), b.y1(), b.x2(), b.y1() + settings.headFraction() * b.height());
                if (b.height() >= settings.personMinHeight() && !cutByFrame(head, width, height)
                        && noneInside(found, head, Category.FACE, Category.FACE)) {
                    doubts.add(Doubt.scored(DoubtKind.PERSON_WITHOUT_FACE, head, p.score()));
                }
            }
        }
        if (on(DoubtKind.SEARCH_UNCOVERED)) {
            for (PersonalDataFinder.BudgetReport budget : budgets) {
                for (Uncovered u : budget.uncovered()) {
                    PixelRect a = u.area();
                    doubts.add(Doubt.unscored(DoubtKind.SEARCH_UNCOVERED,
                            Box.ofSize(a.x(), a.y(), a.width(), a.height())));
                }
            }
        }
        return new Judged(List.copyOf(found), List.copyOf(doubts));
    }

    private static boolean cutByFrame(Box b, int width, int height) {
        return b.x1() <= FRAME_MARGIN || b.y1() <= FRAME_MARGIN || b.x2() >= width - FRAME_MARGIN
                || b.y2() >= height - FRAME_MARGIN;
    }

    private boolean on(DoubtKind kind) {
        return settings.kinds().contains(kind);
    }

    private List<Region> judgeable(List<Region> found, Category category) {
        int min = settings.minBoxSide();
        return found.stream().filter(r -> r.category() == category
                && Math.min(r.box().width(), r.box().height()) >= min).toList();
    }

    private static boolean noneInside(List<Region> found, Box zone, Category a, Category b) {
        return found.stream().noneMatch(r -> (r.category() == a || r.category() == b)
                && r.box().coveredBy(zone) >= INSIDE);
    }
}
