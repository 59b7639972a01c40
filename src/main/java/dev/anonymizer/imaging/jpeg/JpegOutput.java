package dev.anonymizer.imaging.jpeg;

/** A censored JPEG and how it was written. */
public record JpegOutput(byte[] bytes, JpegReport report) {
}
