package dev.anonymizer.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.ImageLimitsConfig;
import dev.anonymizer.imaging.RejectedImageException;
import dev.anonymizer.imaging.RejectionReason;

/**
 * The shell around the {@link Anonymizer} core that every door shares: read the source within the byte limit, run
 * the core, write the audit record first and the censored copy last. Fails closed: a censored copy without its
 * record would be an unexplained output, so the copy is written only after every other step succeeded; a fault of
 * the source or the destination propagates to the door.
 */
@ApplicationScoped
public class JobRunner {

    private final Anonymizer core;
    private final AuditRecords audit;
    private final long maxBytes;

    public JobRunner(Anonymizer core, AuditRecords audit, ImageLimitsConfig limits) {
        this.core = core;
        this.audit = audit;
        this.maxBytes = limits.maxBytes();
    }

    /** Runs one job; rejections and skips are results, faults of reading or writing are thrown. */
    public JobResult run(ImageJob job) {
        long t = System.nanoTime();
        ImageSource.Read read = job.source().read(maxBytes);
        if (read instanceof ImageSource.Skip s) {
            return new JobResult.Skipped(s.reason(), s.message());
        }
        if (read instanceof ImageSource.TooLarge big) {
            // the byte limit is checked from the size, before an oversized input fills the heap
            return new JobResult.Rejected(RejectionReason.TOO_LARGE, big.message() + " (anonymizer.limits.max-bytes)");
        }
        ImageSource.Bytes in = (ImageSource.Bytes) read;
        long fetch = ms(t);
        AnonymizedImage image;
        try {
            image = core.anonymize(in.bytes());
        } catch (RejectedImageException e) {
            return new JobResult.Rejected(e.reason(), e.getMessage());
        }
        StepTimings timings = job.source().timed() ? image.timingsMs().withFetch(fetch) : image.timingsMs();
        t = System.nanoTime();
        ImageDestination to = job.destination().forImage(image);
        if (to.audited()) {
            to.writeAudit(audit.build(in.place(), to.place(), image, timings,
                    to.held() ? AuditDocument.Review.held() : null));
        }
        to.writeCopy(image, in.place());
        if (to.timed()) {
            timings = timings.withStore(ms(t));
        }
        return new JobResult.Done(image, timings, to);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
