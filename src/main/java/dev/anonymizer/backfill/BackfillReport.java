package dev.anonymizer.backfill;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end of a backfill.
 *
 * @param found       candidates listed
 * @param handled     objects handed out (less than found when stopped early)
 * @param byStatus    objects per {@link ObjectResult} status
 * @param byReason    objects per status and reason (results with a reason only), printed as {@code status:reason}
 * @param stoppedEarly true when the max-objects limit or an interruption ended the run before the list did
 * @param staleFound   objects whose copy was found stale ({@code --stale}; 0 otherwise), re-done or not
 */
public record BackfillReport(BackfillRequest request, long found, long handled, Map<ObjectResult.Status, Long> byStatus,
        Map<ObjectResult, Long> byReason, long elapsedMs, boolean stoppedEarly, long staleFound) {

    /** Objects whose copy was made by the running policy and models (a stale check's {@code skipped:current}). */
    public long current() {
        return count(ObjectResult.Status.SKIPPED, ObjectResult.Staleness.CURRENT);
    }

    /** Stale objects made again ({@code anonymized:stale}). */
    public long redone() {
        return count(ObjectResult.Status.ANONYMIZED, ObjectResult.Staleness.STALE);
    }

    /** Objects with this status. */
    public long count(ObjectResult.Status status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Objects that ended with this status for this reason. */
    public long count(ObjectResult.Status status, ObjectResult.Reason reason) {
        return byReason.getOrDefault(new ObjectResult(status, reason), 0L);
    }

    /** Objects handled per second. */
    public double rate() {
        return elapsedMs == 0 ? 0 : handled * 1000.0 / elapsedMs;
    }

    /** True when no object failed (rejections are the input's fault and do not count). */
    public boolean succeeded() {
        return count(ObjectResult.Status.FAILED) == 0;
    }

    /** One human-readable paragraph. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "backfill %s of %s: %d found, %d handled", request.mode().key(),
                request.where(), found, handled));
        if (request.mode() == BackfillMode.PROCESS) {
            s.append(String.format(Locale.ROOT, ": %d anonymized, %d skipped, %d rejected, %d failed",
                    count(ObjectResult.Status.ANONYMIZED), count(ObjectResult.Status.SKIPPED), count(ObjectResult.Status.REJECTED),
                    count(ObjectResult.Status.FAILED)));
        } else {
            s.append(String.format(Locale.ROOT, ": %d published, %d skipped, %d failed", count(ObjectResult.Status.PUBLISHED),
                    count(ObjectResult.Status.SKIPPED), count(ObjectResult.Status.FAILED)));
        }
        s.append(String.format(Locale.ROOT, " in %.1f s (%.1f objects/s)", elapsedMs / 1000.0, rate()));
        if (request.stale()) {
            s.append(String.format(Locale.ROOT, "\n  stale check: %d current, %d stale, %d re-done", current(),
                    staleFound, redone()));
        }
        if (stoppedEarly) {
            s.append("; stopped early, run again to resume");
        }
        if (!byReason.isEmpty()) {
            s.append("\n  reasons: ").append(byReason.entrySet().stream()
                    .map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }
}
