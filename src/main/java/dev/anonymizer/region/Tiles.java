package dev.anonymizer.region;

import java.util.ArrayList;
import java.util.List;

/** Overlapping square tiles covering an image, so that a small-input detector sees large photos at full detail. */
public final class Tiles {

    private Tiles() {
    }

    /**
     * Tiles of side {@code tile} (or the image side, when smaller) overlapping by {@code overlap} (a fraction of the
     * tile), together covering every pixel of a {@code width x height} image. The last tile of a row or column is
     * aligned to the image's edge.
     */
    public static List<PixelRect> grid(int width, int height, int tile, double overlap) {
        if (tile <= 0 || overlap < 0 || overlap >= 1) {
            throw new IllegalArgumentException("tile " + tile + " with overlap " + overlap);
        }
        int tw = Math.min(tile, width);
        int th = Math.min(tile, height);
        List<PixelRect> tiles = new ArrayList<>();
        for (int y : starts(height, th, overlap)) {
            for (int x : starts(width, tw, overlap)) {
                tiles.add(new PixelRect(x, y, tw, th));
            }
        }
        return tiles;
    }

    private static List<Integer> starts(int extent, int size, double overlap) {
        List<Integer> starts = new ArrayList<>();
        if (size >= extent) {
            starts.add(0);
            return starts;
        }
        int stride = Math.max(1, (int) Math.floor(size * (1 - overlap)));
        int s = 0;
        while (s + size < extent) {
            starts.add(s);
            s += stride;
        }
        starts.add(extent - size);
        return starts;
    }
}
