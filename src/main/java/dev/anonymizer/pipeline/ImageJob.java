package dev.anonymizer.pipeline;

/**
 * One image to anonymize: where it is read and where its censored copy and audit record go. Both doors make one
 * (the function from an object of the store, the {@code anonymize} command from a file) and hand it to the
 * {@link JobRunner}, so the size limit, the order of the writes and the audit record are the same for both.
 */
public record ImageJob(ImageSource source, ImageDestination destination) {
}
