package dev.anonymizer.region;

/** A whole-pixel rectangle (top-left corner and size), as image libraries take it. */
public record PixelRect(int x, int y, int width, int height) {

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }
}
