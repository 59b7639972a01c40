package dev.anonymizer.imaging.jpeg;

import java.util.BitSet;
import java.util.List;

import dev.anonymizer.region.PixelRect;

/**
 * Which blocks of a frame a set of pixel rectangles (in the stored grid) reaches, per component: a block is
 * selected when any image pixel its samples cover lies in a rectangle. A chroma block of a subsampled frame covers
 * several luma blocks' pixels, so it is selected with any of them: no censored pixel keeps its old colour.
 */
final class BlockSelection {

    private final FrameHeader frame;
    private final BitSet[] selected;
    private long count;

    private BlockSelection(FrameHeader frame) {
        this.frame = frame;
        this.selected = new BitSet[frame.components().size()];
        for (int c = 0; c < selected.length; c++) {
            selected[c] = new BitSet(frame.blocksX(c) * frame.blocksY(c));
        }
    }

    /** The blocks {@code rects} (stored-grid pixels; cut to the image here) reach. */
    static BlockSelection of(FrameHeader frame, List<PixelRect> rects) {
        BlockSelection s = new BlockSelection(frame);
        for (PixelRect r : rects) {
            int x1 = Math.max(0, r.x());
            int y1 = Math.max(0, r.y());
            int x2 = Math.min(frame.width(), r.x() + r.width()); // exclusive
            int y2 = Math.min(frame.height(), r.y() + r.height());
            if (x2 <= x1 || y2 <= y1) {
                continue;
            }
            for (int c = 0; c < s.selected.length; c++) {
                int bw = FrameHeader.BLOCK * frame.ratioX(c);
                int bh = FrameHeader.BLOCK * frame.ratioY(c);
                for (int by = y1 / bh; by <= (y2 - 1) / bh; by++) {
                    for (int bx = x1 / bw; bx <= (x2 - 1) / bw; bx++) {
                        int i = by * frame.blocksX(c) + bx;
                        if (!s.selected[c].get(i)) {
                            s.selected[c].set(i);
                            s.count++;
                        }
                    }
                }
            }
        }
        return s;
    }

    boolean contains(int c, int bx, int by) {
        return selected[c].get(by * frame.blocksX(c) + bx);
    }

    /** Selected blocks of all components. */
    long count() {
        return count;
    }

    /** Whether MCU {@code (mx, my)} of the interleaved grid holds any selected block. */
    boolean touchesMcu(int mx, int my) {
        for (int c = 0; c < selected.length; c++) {
            FrameComponent fc = frame.components().get(c);
            for (int dy = 0; dy < fc.v(); dy++) {
                for (int dx = 0; dx < fc.h(); dx++) {
                    if (contains(c, mx * fc.h() + dx, my * fc.v() + dy)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
