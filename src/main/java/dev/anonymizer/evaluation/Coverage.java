package dev.anonymizer.evaluation;

import java.util.List;

import dev.anonymizer.region.Box;

/** Pixel-exact measures of how censored boxes cover labelled ones. */
final class Coverage {

    private Coverage() {
    }

    /** Share of {@code target}'s pixels inside at least one of {@code cover} (rectangles). */
    static double covered(Box target, List<Box> cover) {
        return covered(target, cover, List.of());
    }

    /**
     * Share of {@code target}'s pixels inside at least one of {@code rectangles} or of the ellipses inscribed in
     * {@code ellipses}' boxes: what an elliptic censor really covers.
     */
    static double covered(Box target, List<Box> rectangles, List<Box> ellipses) {
        List<Box> cover = rectangles;
        int x1 = (int) Math.floor(target.x1());
        int y1 = (int) Math.floor(target.y1());
        int x2 = (int) Math.ceil(target.x2());
        int y2 = (int) Math.ceil(target.y2());
        long total = 0;
        long hit = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                total++;
                double cx = x + 0.5;
                double cy = y + 0.5;
                boolean in = false;
                for (Box c : cover) {
                    if (cx >= c.x1() && cx < c.x2() && cy >= c.y1() && cy < c.y2()) {
                        in = true;
                        break;
                    }
                }
                for (int e = 0; !in && e < ellipses.size(); e++) {
                    Box c = ellipses.get(e);
                    double nx = (cx - c.centerX()) / (c.width() / 2);
                    double ny = (cy - c.centerY()) / (c.height() / 2);
                    in = nx * nx + ny * ny <= 1;
                }
                if (in) {
                    hit++;
                }
            }
        }
        return total == 0 ? 0 : (double) hit / total;
    }

    /** Share of the image's pixels censored outside every labelled (and ignored) box, censored boxes as rectangles. */
    static double extraArea(int width, int height, List<Box> censored, List<Box> labelled) {
        return extraArea(width, height, censored, List.of(), labelled);
    }

    /**
     * As {@link #extraArea(int, int, List, List)}, with {@code ellipses} censored as the ellipses inscribed in their
     * boxes: the area an elliptic censor really changes.
     */
    static double extraArea(int width, int height, List<Box> rectangles, List<Box> ellipses, List<Box> labelled) {
        boolean[] mask = new boolean[width * height];
        for (Box c : rectangles) {
            fill(mask, width, height, c, true);
        }
        for (Box e : ellipses) {
            fillEllipse(mask, width, height, e);
        }
        for (Box l : labelled) {
            fill(mask, width, height, l, false);
        }
        long n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return (double) n / ((long) width * height);
    }

    private static void fillEllipse(boolean[] mask, int w, int h, Box e) {
        Box c = e.clamp(w, h);
        for (int y = (int) c.y1(); y < (int) Math.ceil(c.y2()); y++) {
            for (int x = (int) c.x1(); x < (int) Math.ceil(c.x2()); x++) {
                double nx = (x + 0.5 - e.centerX()) / (e.width() / 2);
                double ny = (y + 0.5 - e.centerY()) / (e.height() / 2);
                if (nx * nx + ny * ny <= 1) {
                    mask[y * w + x] = true;
                }
            }
        }
    }

    private static void fill(boolean[] mask, int w, int h, Box b, boolean value) {
        Box c = b.clamp(w, h);
        for (int y = (int) c.y1(); y < (int) Math.ceil(c.y2()); y++) {
            for (int x = (int) c.x1(); x < (int) Math.ceil(c.x2()); x++) {
                mask[y * w + x] = value;
            }
        }
    }
}
