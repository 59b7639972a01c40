package dev.anonymizer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A miss is partly covered (characters censored, frame not) or not covered, and the report counts each kind. */
class MissKindTest {

    @Test
    void aMissIsPartlyCoveredFromAFifthOfItsBox() {
        assertEquals(MissKind.NOT_COVERED, MissKind.of(0));
        assertEquals(MissKind.NOT_COVERED, MissKind.of(0.19));
        assertEquals(MissKind.PARTLY_COVERED, MissKind.of(0.2));
        assertEquals(MissKind.PARTLY_COVERED, MissKind.of(0.79));
    }

    @Test
    void theTableCountsEachKindPerThreshold() {
        EvaluationReport r = new EvaluationReport("set", List.of(0.3, 0.5));
        r.count("plate", 0.3, false);
        r.missKind(0.3, MissKind.PARTLY_COVERED);
        r.count("plate", 0.5, false);
        r.missKind(0.5, MissKind.NOT_COVERED);
        assertEquals(1, r.misses(0.3, MissKind.PARTLY_COVERED));
        assertEquals(0, r.misses(0.3, MissKind.NOT_COVERED));
        assertEquals(1, r.misses(0.5, MissKind.NOT_COVERED));
        String table = r.table();
        assertTrue(table.matches("(?s).*missed, partly\\s+1\\s+0\\b.*"), table);
        assertTrue(table.matches("(?s).*missed, not at all\\s+0\\s+1\\b.*"), table);
    }
}
