package dev.anonymizer.imaging.jpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * A JPEG file as the writer of its censored copy reads it: its structure and, where the block path will take the
 * file and its coefficients fit the bound given, every scan's coefficients decoded once ({@link DecodedScan}).
 * Reading does not need the censored pixels, so it can run while the search does
 * ({@code ImageEncoder.readAhead}); the block path then visits each scan twice without decoding it twice.
 */
public final class JpegSource {

    private final byte[] file;
    private final ParsedJpeg parsed;
    private final UnsupportedJpegException unreadable;
    /** Every scan's coefficients, in scan order; empty where they are decoded when asked for. */
    private final List<DecodedScan> held;

    private JpegSource(byte[] file, ParsedJpeg parsed, UnsupportedJpegException unreadable, List<DecodedScan> held) {
        this.file = file;
        this.parsed = parsed;
        this.unreadable = unreadable;
        this.held = List.copyOf(held);
    }

    /** The file's structure only: each scan is decoded when it is visited. */
    public static JpegSource parse(byte[] file) {
        try {
            return new JpegSource(file, JpegParser.parse(file), null, List.of());
        } catch (UnsupportedJpegException e) {
            return new JpegSource(file, null, e, List.of());
        }
    }

    /**
     * The file's structure and, when the block path takes the file and all its scans' coefficients take at most
     * {@code maxHeldBytes} of heap, those coefficients. A file that cannot be read is kept as such: the writer then
     * fails or falls back exactly as it would have without reading ahead.
     */
    public static JpegSource read(byte[] file, long maxHeldBytes) {
        JpegSource structure = parse(file);
        if (structure.parsed == null || maxHeldBytes <= 0) {
            return structure;
        }
        ParsedJpeg p = structure.parsed;
        try {
            JpegBlockRewriter.checkSupported(p);
        } catch (UnsupportedJpegException e) {
            return structure; // re-encoded from pixels: nothing to hold
        }
        long blocks = 0;
        for (ScanHeader s : p.scans()) {
            blocks += DecodedScan.blocks(p.frame(), s.components());
        }
        if (blocks * DecodedScan.BYTES_PER_BLOCK > maxHeldBytes) {
            return structure;
        }
        List<DecodedScan> scans = new ArrayList<>(p.scans().size());
        try {
            for (ScanHeader s : p.scans()) {
                scans.add(DecodedScan.decode(file, p.frame(), s));
            }
        } catch (UnsupportedJpegException e) {
            return structure; // damaged data: the writer meets it again and falls back as it always did
        }
        return new JpegSource(file, p, null, scans);
    }

    /** Whether the scans' coefficients are held (decoded once), rather than decoded on every visit. */
    public boolean holdsScans() {
        return !held.isEmpty();
    }

    byte[] file() {
        return file;
    }

    /** The structure; throws what parsing threw. */
    ParsedJpeg parsed() throws UnsupportedJpegException {
        if (parsed == null) {
            throw unreadable;
        }
        return parsed;
    }

    /** Hands every block of the file's scan {@code index}, in coding order, to {@code visitor}. */
    void scan(int index, BlockVisitor visitor) throws UnsupportedJpegException {
        if (held.isEmpty()) {
            ScanDecoder.decode(file, parsed().frame(), parsed().scans().get(index), visitor);
        } else {
            held.get(index).replay(visitor);
        }
    }
}
