package dev.anonymizer.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.anonymizer.imaging.DecodedImage;
import dev.anonymizer.imaging.ImageDecoder;
import dev.anonymizer.region.Box;

/**
 * What the HTML report shows beside the numbers, gathered while evaluating, at the lowest threshold tried: a crop
 * of every missed box, cut from the censored copy so it shows what the output lets through, and the images with
 * the most censored area outside the labels. Crops are made as each image comes (small JPEGs); only the few
 * worst images' censored copies are held until the end.
 */
public class ReportMaterial {

    /** Collects nothing: the evaluation without {@code --report}. */
    public static final ReportMaterial NONE = new ReportMaterial(null, 0) {
        @Override
        void add(LabelledImage image, byte[] censoredCopy, List<Missed> misses, double extraArea) {
        }
    };

    /** A labelled box that was not covered enough. */
    public record Missed(String label, Box box, double covered) {
    }

    /** A missed box with its crop (JPEG, the box drawn in red). */
    public record MissCrop(String file, Missed miss, byte[] jpeg) {
    }

    /** An image with much censored outside the labels: its censored copy, labels drawn in green. */
    public record ExtraImage(String file, double extraArea, int labels, byte[] jpeg) {
    }

    private record Candidate(LabelledImage image, byte[] censoredCopy, double extraArea) {
    }

    private final ImageDecoder decoder;
    private final int worstImages;
    private final List<MissCrop> misses = new ArrayList<>();
    private final List<Candidate> worst = new ArrayList<>();

    /** @param worstImages how many of the images with the most extra censored area to show */
    public ReportMaterial(ImageDecoder decoder, int worstImages) {
        this.decoder = decoder;
        this.worstImages = worstImages;
    }

    synchronized void add(LabelledImage image, byte[] censoredCopy, List<Missed> missed, double extraArea) {
        if (!missed.isEmpty()) {
            try (DecodedImage decoded = decoder.decode(censoredCopy)) {
                for (Missed m : missed) {
                    misses.add(new MissCrop(name(image), m, ReportImages.crop(decoded.pixels(), m.box())));
                }
            }
        }
        if (extraArea > 0 && (worst.size() < worstImages || extraArea > worst.get(worst.size() - 1).extraArea())) {
            worst.add(new Candidate(image, censoredCopy, extraArea));
            worst.sort(Comparator.comparingDouble(Candidate::extraArea).reversed());
            if (worst.size() > worstImages) {
                worst.remove(worst.size() - 1);
            }
        }
    }

    /** Every missed box, largest first. */
    public synchronized List<MissCrop> misses() {
        return misses.stream().sorted(Comparator.comparingDouble((MissCrop c) -> c.miss().box().area()).reversed())
                .toList();
    }

    /** The images with the most censored area outside labels, most first, as thumbnails. */
    public synchronized List<ExtraImage> worstExtraArea() {
        List<ExtraImage> out = new ArrayList<>();
        for (Candidate c : worst) {
            List<Box> labels = c.image().boxes().stream().map(LabelledImage.Labelled::box).toList();
            try (DecodedImage decoded = decoder.decode(c.censoredCopy())) {
                out.add(new ExtraImage(name(c.image()), c.extraArea(), labels.size(),
                        ReportImages.thumbnail(decoded.pixels(), labels)));
            }
        }
        return out;
    }

    private static String name(LabelledImage image) {
        return image.file().getFileName().toString();
    }
}
