package dev.anonymizer.imaging.jpeg;

/**
 * Reads bits from a scan's entropy-coded segment: removes the stuffed zero byte after each 0xFF data byte, stops at
 * markers, and steps over restart markers only where {@link #restart(int)} expects one. Reading past the data (into
 * a marker or the end) is an error: a whole JPEG never needs it, a truncated or damaged one does.
 */
final class EntropyReader {

    private static final int BYTE = 8;
    /** Refill when fewer bits than this are buffered: a code (16) plus its extra bits (16). */
    private static final int REFILL_BELOW = 32;
    private static final int ACC_LIMIT = 56;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;

    private final byte[] data;
    private final int end;
    private int pos;
    private long acc;
    /** Valid bits in {@link #acc}, its lowest ones being the newest. */
    private int bits;
    /** Of those, how many (the lowest) are zeros fed in because a marker or the end was reached. */
    private int padding;
    private boolean atMarker;
    private boolean overrun;

    EntropyReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    private void fill() {
        while (bits <= ACC_LIMIT) {
            int c;
            if (atMarker || pos >= end) {
                atMarker = true;
                c = 0;
                padding += BYTE;
            } else {
                c = data[pos] & 0xFF;
                if (c == 0xFF) {
                    int next = pos + 1 < end ? data[pos + 1] & 0xFF : -1;
                    if (next == 0x00) {
                        pos += 2; // a stuffed 0xFF data byte
                    } else if (next == 0xFF) {
                        pos++; // a fill byte before a marker
                        continue;
                    } else {
                        atMarker = true; // a marker: leave it for restart() or the end of the scan
                        continue;
                    }
                } else {
                    pos++;
                }
            }
            acc = acc << BYTE | c;
            bits += BYTE;
        }
    }

    /** The next {@code n} (1..16) bits without consuming them. */
    int peek(int n) {
        if (bits < REFILL_BELOW) {
            fill();
        }
        return (int) (acc >>> (bits - n)) & ((1 << n) - 1);
    }

    /** Consumes {@code n} bits. */
    void skip(int n) {
        bits -= n;
        if (bits < padding) {
            overrun = true;
        }
    }

    /** The next {@code n} (0..16) bits as an unsigned number. */
    int receive(int n) {
        if (n == 0) {
            return 0;
        }
        int v = peek(n);
        skip(n);
        return v;
    }

    /** The next {@code s} bits as a signed coefficient (ITU T.81 F.2.2.1, EXTEND). */
    int receiveExtend(int s) {
        if (s == 0) {
            return 0;
        }
        int v = receive(s);
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    /** Throws when any bit read so far lay beyond the data. */
    void checkNotOverrun() throws UnsupportedJpegException {
        if (overrun) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "the scan data ends inside a block");
        }
    }

    /**
     * At the end of a restart interval: drops the padding bits of the last byte and consumes the restart marker
     * RST{@code n mod 8}, which must be next.
     */
    void restart(int n) throws UnsupportedJpegException {
        checkNotOverrun();
        if (!atMarker) {
            fill(); // the last byte may have been buffered without reaching the marker behind it
        }
        if (bits - padding >= BYTE) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "data left before a restart marker");
        }
        while (pos + 1 < end && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) == 0xFF) {
            pos++;
        }
        int expected = RST0 + (n & (RST7 - RST0));
        if (pos + 1 >= end || (data[pos] & 0xFF) != 0xFF || (data[pos + 1] & 0xFF) != expected) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE,
                    "restart marker RST" + (n & (RST7 - RST0)) + " missing where the restart interval ends");
        }
        pos += 2;
        acc = 0;
        bits = 0;
        padding = 0;
        atMarker = false;
    }
}
