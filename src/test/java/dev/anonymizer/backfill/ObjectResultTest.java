package dev.anonymizer.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome.SkipReason;
import dev.anonymizer.storage.StorageUnavailableException;

/** The typed reasons of a backfill keep the codes the report has always printed and counted. */
class ObjectResultTest {

    @Test
    void reasonsArePrintedAsTheirCodes() {
        assertEquals("rejected:not-an-image", new ObjectResult(ObjectResult.Status.REJECTED,
                new ObjectResult.Rejected(RejectionReason.NOT_AN_IMAGE)).label());
        assertEquals("skipped:already-anonymized", new ObjectResult(ObjectResult.Status.SKIPPED,
                new ObjectResult.Skipped(SkipReason.ALREADY_ANONYMIZED)).label());
        assertEquals("skipped:deleted", new ObjectResult(ObjectResult.Status.SKIPPED, ObjectResult.Gone.DELETED).label());
        assertEquals("failed:http-503", new ObjectResult(ObjectResult.Status.FAILED,
                new ObjectResult.HttpStatus(503)).label());
        assertEquals("failed:storage-unavailable",
                ObjectResult.failed(new StorageUnavailableException("down", null)).label());
        assertEquals("failed:IOException", ObjectResult.failed(new IOException("reset")).label());
        assertEquals("published", new ObjectResult(ObjectResult.Status.PUBLISHED, null).label());
    }

    @Test
    void theTallyCountsPerStatusAndReasonInLabelOrder() {
        Tally tally = new Tally();
        ObjectResult http503 = new ObjectResult(ObjectResult.Status.FAILED, new ObjectResult.HttpStatus(503));
        ObjectResult http400 = new ObjectResult(ObjectResult.Status.FAILED, new ObjectResult.HttpStatus(400));
        tally.add(http503);
        tally.add(new ObjectResult(ObjectResult.Status.FAILED, new ObjectResult.HttpStatus(503)));
        tally.add(http400);
        tally.add(new ObjectResult(ObjectResult.Status.PUBLISHED, null));
        assertEquals(4, tally.done());
        assertEquals(List.of(http400, http503), List.copyOf(tally.byReason().keySet()));
        assertEquals(2L, tally.byReason().get(http503));
        assertEquals(3L, tally.byStatus().get(ObjectResult.Status.FAILED));
    }
}
