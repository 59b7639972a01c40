package dev.anonymizer.backfill;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.config.AuditConfig;
import dev.anonymizer.pipeline.OutputLocations;
import dev.anonymizer.storage.InvalidObjectNameException;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectStore;

/**
 * Lists the objects a backfill should hand to the pipeline: everything under the prefix except hidden objects
 * (dot-files and anything under a dot-directory: temporary uploads, store metadata), audit records and objects in
 * the output location (our own output must never go round again).
 */
@ApplicationScoped
public class BackfillLister {

    private final ObjectStore store;
    private final OutputLocations locations;
    private final AuditConfig audit;

    public BackfillLister(ObjectStore store, OutputLocations locations, AuditConfig audit) {
        this.store = store;
        this.locations = locations;
        this.audit = audit;
    }

    /**
     * The candidates in lexical key order. All keys are held in memory (about 100 bytes each) so that the run knows
     * its total and can show an ETA; split very large buckets by prefix.
     */
    public List<ObjectName> list(String bucket, String prefix) {
        List<ObjectName> out = new ArrayList<>();
        store.list(bucket, prefix, name -> {
            if (isCandidate(name)) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * False for hidden objects, audit records and our own output. A listed key no reference can have stays a
     * candidate: the pipeline answers it as rejected, so it is counted.
     */
    public boolean isCandidate(ObjectName name) {
        if (isHidden(name.key()) || name.key().endsWith(audit.keySuffix())) {
            return false;
        }
        try {
            return !locations.isOutputLocation(name.ref());
        } catch (InvalidObjectNameException e) {
            return true;
        }
    }

    private static boolean isHidden(String key) {
        for (String part : key.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
