package dev.anonymizer.region;

import java.util.ArrayList;
import java.util.List;

/** Overlapping tiles covering an image, so that a detector sees a large image piece by piece at full detail. */
public final class Tiles {

    private Tiles() {
    }

    /**
     * Tiles of {@code tileW x tileH} (or the image's side, when smaller) whose neighbours overlap by at least
     * {@code overlap} pixels, together covering every pixel of a {@code width x height} image. The last tile of a row
     * or column is aligned to the image's edge.
     */
    public static List<PixelRect> grid(int width, int height, int tileW, int tileH, int overlap) {
        if (tileW <= 0 || tileH <= 0 || overlap < 0 || overlap >= Math.min(tileW, tileH)) {
            throw new IllegalArgumentException("tiles of " + tileW + "x" + tileH + " with overlap " + overlap);
        }
        int tw = Math.min(tileW, width);
        int th = Math.min(tileH, height);
        List<PixelRect> tiles = new ArrayList<>();
        for (int y : starts(height, th, overlap)) {
            for (int x : starts(width, tw, overlap)) {
                tiles.add(new PixelRect(x, y, tw, th));
            }
        }
        return tiles;
    }

    private static List<Integer> starts(int extent, int size, int overlap) {
        List<Integer> starts = new ArrayList<>();
        if (size >= extent) {
            starts.add(0);
            return starts;
        }
        int stride = Math.max(1, size - overlap);
        int s = 0;
        while (s + size < extent) {
            starts.add(s);
            s += stride;
        }
        starts.add(extent - size);
        return starts;
    }
}
