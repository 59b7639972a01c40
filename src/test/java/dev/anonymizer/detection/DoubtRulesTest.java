package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.anonymizer.detection.plan.Look;
import dev.anonymizer.detection.plan.Uncovered;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.region.Region;

/** Each doubt rule on synthetic findings: what it names, where, with which score, and what it leaves alone. */
class DoubtRulesTest {

    private static final double FACE_MIN = 0.2;
    /** The synthetic photo's size. */
    private static final int W = 640;
    private static final int H = 480;

    private static DoubtRules rules(DoubtKind... kinds) {
        return new DoubtRules(new DoubtRules.Settings(kinds.length == 0 ? Set.of() : EnumSet.of(kinds[0], kinds),
                0.1, 0.6, 0.3, 24, 0.5, 50));
    }

    private static Region region(Category c, double score, double x1, double y1, double x2, double y2) {
        return new Region(c, c.key(), score, new Box(x1, y1, x2, y2), "test-model");
    }

    private static List<Doubt> judge(DoubtRules rules, Region... found) {
        return rules.judge(List.of(found), List.of(), FACE_MIN, W, H).doubts();
    }

    @Test
    void faceScoresInTheBandAreNamedAndTakenOutOfTheFindings() {
        DoubtRules rules = rules(DoubtKind.FACE_BELOW_THRESHOLD);
        assertEquals(0.1, rules.searchThresholds(new PersonalDataFinder.Thresholds(FACE_MIN, 0.5, 0.4)).face(), 1e-9,
                "the search reaches into the band");
        Region kept = region(Category.FACE, 0.25, 10, 10, 40, 40);
        Region inBand = region(Category.FACE, 0.15, 100, 10, 130, 40);
        Region belowBand = region(Category.FACE, 0.05, 200, 10, 230, 40);
        DoubtRules.Judged judged = rules.judge(List.of(kept, inBand, belowBand), List.of(), FACE_MIN, W, H);
        assertEquals(List.of(kept), judged.found(), "only the face at or over the threshold is a finding");
        assertEquals(List.of(Doubt.scored(DoubtKind.FACE_BELOW_THRESHOLD, inBand.box(), 0.15)), judged.doubts());
    }

    @Test
    void aVehicleWithoutTextInItsPlateZoneIsNamed() {
        DoubtRules rules = rules(DoubtKind.VEHICLE_WITHOUT_PLATE);
        Region car = region(Category.VEHICLE, 0.8, 100, 100, 300, 200);
        // plate zone: the lower 60% of the box, y 140..200
        assertEquals(List.of(Doubt.scored(DoubtKind.VEHICLE_WITHOUT_PLATE, new Box(100, 140, 300, 200), 0.8)),
                judge(rules, car));
        assertEquals(List.of(), judge(rules, car, region(Category.TEXT, 0.9, 180, 170, 220, 185)),
                "text in the zone: no doubt");
        assertEquals(List.of(), judge(rules, car, region(Category.PLATE, 0.9, 180, 170, 220, 185)),
                "a plate frame in the zone: no doubt");
        assertEquals(1, judge(rules, car, region(Category.TEXT, 0.9, 180, 105, 220, 120)).size(),
                "text on the roof is no plate");
        assertEquals(1, judge(rules, car, region(Category.TEXT, 0.9, 260, 170, 400, 185)).size(),
                "text mostly outside the zone is another vehicle's");
        assertEquals(List.of(), judge(rules, region(Category.VEHICLE, 0.8, 10, 10, 110, 30)),
                "a vehicle box under the smallest side judged (24 px) is too small to judge");
        assertEquals(List.of(), judge(rules, region(Category.VEHICLE, 0.8, 0, 100, 200, 200)),
                "a vehicle cut by the left edge may have its plate outside the photo");
        assertEquals(List.of(), judge(rules, region(Category.VEHICLE, 0.8, 100, 300, 300, 479)),
                "... or by the bottom edge");
        assertEquals(List.of(), judge(rules, region(Category.VEHICLE, 0.45, 100, 100, 300, 200)),
                "a vehicle scored under the rule's minimum (0.5) is not judged");
    }

    @Test
    void aPersonWithoutAFaceInItsHeadPartIsNamed() {
        DoubtRules rules = rules(DoubtKind.PERSON_WITHOUT_FACE);
        Region person = region(Category.PERSON, 0.7, 50, 10, 150, 310);
        assertEquals(List.of(Doubt.scored(DoubtKind.PERSON_WITHOUT_FACE, new Box(50, 10, 150, 100), 0.7)),
                judge(rules, person));
        assertEquals(List.of(), judge(rules, person, region(Category.FACE, 0.9, 80, 10, 120, 60)));
        assertEquals(1, judge(rules, person, region(Category.FACE, 0.9, 80, 210, 120, 260)).size(),
                "a face at the feet is another's");
        assertEquals(1, judge(rules, person, region(Category.FACE, 0.15, 80, 10, 120, 60)).size(),
                "a face under the threshold is not censored: the person still has none");
        assertEquals(List.of(), judge(rules, region(Category.PERSON, 0.7, 50, 10, 70, 50)),
                "a person under 50 px tall is not judged");
        assertEquals(List.of(), judge(rules, region(Category.PERSON, 0.7, 50, 0, 150, 300), region(Category.PERSON,
                0.7, 600, 100, 640, 400)), "a head part cut by the top or the right edge is not judged");
    }

    @Test
    void everyUncoveredAreaIsNamedWithoutAScore() {
        DoubtRules rules = rules(DoubtKind.SEARCH_UNCOVERED);
        PersonalDataFinder.BudgetReport budget = new PersonalDataFinder.BudgetReport("ppocr-v4-det", 1_700_000,
                1_700_000, 3, 0, List.of(new Uncovered(Look.WHOLE_IMAGE, new PixelRect(0, 0, 640, 480), 10, 14.5)));
        List<Doubt> doubts = rules.judge(List.of(), List.of(budget), FACE_MIN, W, H).doubts();
        assertEquals(List.of(Doubt.unscored(DoubtKind.SEARCH_UNCOVERED, new Box(0, 0, 640, 480))), doubts);
        assertTrue(doubts.get(0).score().isEmpty());
    }

    @Test
    void rulesThatAreOffNameNothingAndNoneSearchesAtTheThresholdsGiven() {
        Region car = region(Category.VEHICLE, 0.8, 100, 100, 300, 200);
        Region inBand = region(Category.FACE, 0.15, 100, 10, 130, 40);
        assertEquals(List.of(), judge(rules(DoubtKind.SEARCH_UNCOVERED), car, inBand));
        PersonalDataFinder.Thresholds min = new PersonalDataFinder.Thresholds(FACE_MIN, 0.5, 0.4);
        assertEquals(min, DoubtRules.NONE.searchThresholds(min));
        assertEquals(List.of(), DoubtRules.NONE.judge(List.of(car), List.of(), FACE_MIN, W, H).doubts());
    }

    @Test
    void kindsHaveKebabCaseCodes() {
        assertEquals("vehicle-without-plate", DoubtKind.VEHICLE_WITHOUT_PLATE.code());
        assertEquals(DoubtKind.SEARCH_UNCOVERED, DoubtKind.ofCode("search-uncovered"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DoubtKind.ofCode("blurry"));
        assertTrue(e.getMessage().contains("face-below-threshold"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DoubtRules.Settings(Set.of(), 1.5, 0.6, 0.3, 24, 0.5, 50));
    }
}
