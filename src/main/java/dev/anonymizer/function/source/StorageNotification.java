package dev.anonymizer.function.source;

import java.util.List;

import dev.anonymizer.storage.ObjectName;

/**
 * What a storage system's notification asks of the function: the created objects to anonymize, or, when it names
 * none (a delete, a test event, a folder marker), why it is acknowledged without work.
 *
 * @param objects       created objects as named, in the notification's order (names checked by the pipeline);
 *                      empty when ignored
 * @param ignoredReason why nothing is processed, null when {@code objects} is not empty
 */
public record StorageNotification(List<ObjectName> objects, IgnoredReason ignoredReason) {

    public StorageNotification {
        objects = List.copyOf(objects);
    }

    /** The created objects; when there are none, the notification is ignored with {@code reasonIfNone}. */
    static StorageNotification of(List<ObjectName> objects, IgnoredReason reasonIfNone) {
        return objects.isEmpty() ? ignored(reasonIfNone) : new StorageNotification(objects, null);
    }

    static StorageNotification ignored(IgnoredReason reason) {
        return new StorageNotification(List.of(), reason);
    }

    /** True when there is nothing to process. */
    public boolean isIgnored() {
        return objects.isEmpty();
    }
}
