package dev.anonymizer.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/** Small distinct PNGs of random coloured blocks: cheap to make, to decode and to run a detector on. */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    /** A {@code w x h} PNG; the same index gives the same bytes, different indexes give different images. */
    public static byte[] blocksPng(int index, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(index * 7919L + 17);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(0, 0, w, h);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(random.nextInt(0xffffff)));
                g.fillRect(random.nextInt(w), random.nextInt(h), 4 + random.nextInt(w / 2), 4 + random.nextInt(h / 2));
            }
        } finally {
            g.dispose();
        }
        // the index in the first pixels makes every image distinct even if the random blocks collided
        img.setRGB(0, 0, index);
        img.setRGB(1, 0, ~index);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
