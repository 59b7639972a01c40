package dev.anonymizer.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which detectors run, with which model and thresholds, and how each plans its search over an image. */
@ConfigMapping(prefix = "anonymizer.detection")
public interface DetectionConfig {

    /** Text detector: licence plates, documents, stickers, any text. */
    Text text();

    /** Face detector. */
    Face face();

    /** Person and vehicle detector (COCO labels); steers the closer looks and can censor persons. */
    Objects objects();

    /** How every search plan chooses its scales and tiles. */
    Search search();

    /** Closer looks inside persons and vehicles. */
    CloserLook closerLook();

    /** Text detector settings. */
    interface Text {
        /** Run the text detector. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Model id (a descriptor in the models directory), family {@code dbnet}. The default is PP-OCRv4 det with its
         * neck and DB head in int8 and its backbone in float ({@code ppocr-v4-det-int8m}): a fifth less text time
         * than {@code ppocr-v4-det-folded} (the float network with its affine blocks folded into the convolutions)
         * and the same plates found on every evaluation set. {@code ppocr-v4-det-int8} quantizes the backbone too, a
         * quarter less time than folded, the same plates found, but a map further from the float one's on blurred
         * plates (README, Measured).
         */
        @WithDefault("ppocr-v4-det-int8m")
        String model();

        /** Per-pixel text probability above which a pixel counts as text. */
        @WithDefault("0.3")
        double pixelThreshold();

        /** Mean probability inside a text blob above which it is reported. */
        @WithDefault("0.5")
        double minScore();

        /** How far a text blob is grown (DBNet "unclip" ratio: area * ratio / perimeter). */
        @WithDefault("1.6")
        double unclipRatio();

        /**
         * Text boxes on one line closer than this many times their height are joined into one region (a plate read
         * as "1A" and "MW240" is censored as one, gap included). 0 = never join.
         */
        @WithDefault("1.0")
        double joinGap();

        /** Blobs whose shorter side is smaller than this (in model-input pixels) are dropped. */
        @WithDefault("3")
        int minSidePixels();

        /** The smallest text height (a whole plate, image pixels) the search plans for. */
        @WithDefault("10")
        double minSize();

        /**
         * The text search's budget per image, whole image and closer looks inside vehicles together: this many
         * model-input pixels per photo pixel, between {@code min-megapixels} and {@code max-megapixels}. Where
         * covering {@code min-size} everywhere would take more (large photos: the text model needs plates 32 px
         * tall), the whole image is searched from a larger height up and the looks inside vehicles cover the rest.
         * Photos of up to 0.85 MP get {@code min-megapixels}; on 1920x1080 collages of nine car photos 2 (4.1 MP)
         * censored 92.6% of the plates, 0.75 (1.7 MP) 79.6%, at about half the time.
         */
        @WithDefault("2")
        double budgetPerPhotoPixel();

        /**
         * Of the text budget, the whole-image search takes at most this many model-input pixels per photo pixel
         * (between the same bounds); the rest is for closer looks inside vehicles only, so a photo without vehicles
         * costs no more than its whole-image search.
         */
        @WithDefault("0.75")
        double wholeImagePerPhotoPixel();

        /** The text budget of a small photo (model-input megapixels): enough to enlarge a 400 px photo 3x. */
        @WithDefault("1.7")
        double minMegapixels();

        /** The text budget of a very large photo (model-input megapixels). */
        @WithDefault("6")
        double maxMegapixels();

        /**
         * Where text is censored: {@code all} text anywhere, or only {@code near-vehicles} (spares street signs
         * and shop fronts; needs the object detector).
         */
        @WithDefault("all")
        TextScope scope();

        /** With scope near-vehicles: how far around a vehicle box (as a fraction of its size) text still counts. */
        @WithDefault("0.1")
        double vehicleMargin();

        /** Growing text to the plate frame around it. */
        PlateFrame plateFrame();

        /** The finest whole-image scale searched only where a coarser pass saw something text-like. */
        TextGuided guided();
    }

    /**
     * The finest scale of the whole-image text search costs about three quarters of its model input and is there for
     * the smallest text only, which already shows in the next coarser pass as a blob too weak to be a find: the
     * coarser passes run first and nominate such blobs, and the finest scale searches only there. README, "The search
     * plans its scales"; measured in docs/benchmark.md.
     */
    interface TextGuided {
        /** Guide the finest whole-image text scale by the coarser passes (false: it searches the whole image). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Per-pixel text probability above which a coarser pass nominates a blob for the finest scale (finds need
         * {@code text.pixel-threshold}).
         */
        @WithDefault("0.1")
        double nominateThreshold();

        /** A nominated blob is searched with this many of its heights of context on every side. */
        @WithDefault("1")
        double context();

        /**
         * The most enlarged finest scale that is guided; a finest scale enlarging the photo more (small photos
         * searched for 10 px plates) runs over the whole image: there the smallest plates do not show at half the
         * scale (plates-small 97.7% -> 91.6% when guided).
         */
        @WithDefault("2")
        double maxScale();

        /** A nominated area is at least this many model-input pixels wide and tall. */
        @WithDefault("64")
        int minInputSide();
    }

    /**
     * A text region on a plate covers its characters; the labelled (and readable) plate is its whole frame, where a
     * dealer's name or a registration sticker often is. Around every text region the frame is searched in the image
     * (the plate's background colour, bounded by edges) and, where one is plain to see, the text region becomes a
     * {@code plate} region covering the frame. Measured on ../shared/eval/plates-web: README "Measured".
     */
    interface PlateFrame {
        /** Search plate frames around text regions. */
        @WithDefault("true")
        boolean enabled();

        /** How far beyond the text box the frame may reach on each side, in text-box heights. */
        @WithDefault("4")
        double reachX();

        /** How far above and below the text box the frame may reach, in text-box heights. */
        @WithDefault("1.5")
        double reachY();

        /** Half-width of the background colour band per CIELAB channel (L, a, b on OpenCV's 0-255 scale). */
        @WithDefault("40,12,12")
        List<Double> colourTolerance();

        /** The least share of the frame's box its background must fill. */
        @WithDefault("0.3")
        double minFill();

        /** The widest frame (width over height) taken for a plate's. */
        @WithDefault("8")
        double maxAspect();

        /**
         * The smallest frame, in multiples of the text box's area: one hardly larger than the characters is their own
         * background band, no outline of a plate, and the text stays text (padded as text).
         */
        @WithDefault("1.3")
        double minGrowth();

        /** The largest frame, in multiples of the text box's area. */
        @WithDefault("15")
        double maxGrowth();

        /** A plate region holds at least its characters' text box padded by this fraction of its width. */
        @WithDefault("0.2")
        double characterMarginX();

        /** As {@code character-margin-x}, above and below, as a fraction of the text box's height. */
        @WithDefault("0.45")
        double characterMarginY();
    }

    /** Where text is censored. */
    enum TextScope {
        /** Every text region. */
        ALL,
        /** Only text inside or near a detected vehicle. */
        NEAR_VEHICLES
    }

    /** Face detector settings. */
    interface Face {
        /** Run the face detector. */
        @WithDefault("true")
        boolean enabled();

        /** Model id, family {@code yunet} (or {@code retinaface} for a model the user brings). */
        @WithDefault("yunet-n")
        String model();

        /** More face models run beside {@code model} with the same plan; what any of them finds is censored. */
        Optional<List<String>> extraModels();

        /** Minimum face score, for every face model. */
        @WithDefault("0.2")
        double minScore();

        /** The smallest face height (image pixels) the search plans for. */
        @WithDefault("10")
        double minSize();

        /**
         * The face search's budget per image, whole image and closer looks inside persons together (mirrored passes
         * included): this many model-input pixels per photo pixel, between {@code min-megapixels} and
         * {@code max-megapixels}. 1.4 is one pass at the photo's own size and its coarser scales.
         */
        @WithDefault("1.4")
        double budgetPerPhotoPixel();

        /** Of the face budget, the whole-image search takes at most this many model-input pixels per photo pixel. */
        @WithDefault("1.4")
        double wholeImagePerPhotoPixel();

        /**
         * The face budget of a small photo (model-input megapixels): a photo of up to 1.4 MP (1024x1366) enlarged 1.4x
         * for 10 px faces, and its coarser scales.
         */
        @WithDefault("3.7")
        double minMegapixels();

        /** The face budget of a very large photo (model-input megapixels). */
        @WithDefault("12")
        double maxMegapixels();

        /**
         * Every face pass also runs on the mirror image. Off by default: on WIDER FACE it found what a threshold lower
         * by 0.05 finds at the same extra area, for twice the face inference.
         */
        @WithDefault("false")
        boolean mirror();

        /**
         * A face lying mostly inside a vehicle box and larger than this share of it is dropped as part of the vehicle
         * (car fronts read as faces). 0 = keep all.
         */
        @WithDefault("0.2")
        double maxVehicleShare();

        /**
         * A face lying mostly inside an animal box ({@code objects.animal-labels}) and overlapping no person box is
         * the animal's face and is not censored (the face model reads dog and cat faces as faces).
         */
        @WithDefault("true")
        boolean dropAnimalFaces();

        /** IoU above which two face boxes are the same face. */
        @WithDefault("0.3")
        double nmsIou();

        /** The finest whole-image scale searched only around faces a coarser pass scored weakly. */
        FaceGuided guided();
    }

    /**
     * The finest scale of the whole-image face search (the enlarging pass for 10-14 px faces on small photos, the
     * photo's own size on large ones) costs most of its model input; a face too small for the next coarser pass still
     * scores weakly there. The coarser passes run first and nominate every cell scored above {@code nominate-threshold}; the
     * finest scale searches only around those. README, "The search plans its scales"; measured in docs/benchmark.md.
     */
    interface FaceGuided {
        /** Guide the finest whole-image face scale by the coarser passes (false: it searches the whole image). */
        @WithDefault("true")
        boolean enabled();

        /** Face score above which a coarser pass's cell nominates its box for the finest scale. */
        @WithDefault("0.05")
        double nominateThreshold();

        /**
         * A nominated box is searched with this many of its heights of context on every side (the face model needs
         * the head and shoulders around a face: 0.5 lost 1.1 points of faces >= 20 px).
         */
        @WithDefault("2")
        double context();

        /** The most enlarged finest scale that is guided; one enlarging the photo more searches the whole image. */
        @WithDefault("2")
        double maxScale();

        /** A nominated area is at least this many model-input pixels wide and tall. */
        @WithDefault("160")
        int minInputSide();
    }

    /** Object (person / vehicle) detector settings. */
    interface Objects {
        /** Run the object detector. */
        @WithDefault("true")
        boolean enabled();

        /** Model id, family {@code nanodet} or {@code yolo}. */
        @WithDefault("nanodet-416-int8m")
        String model();

        /** Minimum class score. */
        @WithDefault("0.25")
        double minScore();

        /** IoU above which two boxes of one class are the same object. */
        @WithDefault("0.5")
        double nmsIou();

        /** The smallest person or vehicle height (image pixels) the search plans for. */
        @WithDefault("64")
        double minSize();

        /** Model-input megapixels the object search may take. */
        @WithDefault("1")
        double maxMegapixels();

        /** Model labels that count as a person. */
        @WithDefault("person")
        List<String> personLabels();

        /** Model labels that count as a vehicle (their plates and documents are searched). */
        @WithDefault("car,truck,bus,motorcycle")
        List<String> vehicleLabels();

        /** Model labels of animals, whose faces are not censored ({@code face.drop-animal-faces}). */
        @WithDefault("bird,cat,dog,horse,sheep,cow,elephant,bear,zebra,giraffe")
        List<String> animalLabels();
    }

    /** How every search plan chooses its scales and tiles. */
    interface Search {
        /** The most an image or crop is enlarged for a pass (small photos, small objects). */
        @WithDefault("4")
        double maxUpscale();

        /** Ratio between neighbouring scales of a plan (2: one scale per octave of object size). */
        @WithDefault("2")
        double scaleStep();

        /**
         * Model-input megapixels of one inference; a larger scale is searched in overlapping tiles. 1 bounds the
         * memory one inference needs (the text model's activations): as deployed, RSS after 100 photos 582 against
         * 896 MiB with 4, at the same recall on every set (faces 95.0 / 88.8% against 94.8 / 87.5%) and no more time.
         */
        @WithDefault("1")
        double maxPassMegapixels();
    }

    /** Closer looks: a search of their own, inside the boxes where the whole-image search did not reach. */
    interface CloserLook {
        /** Search faces again inside person boxes, where the whole-image plan does not reach their faces' size. */
        @WithDefault("true")
        boolean facesInPersons();

        /** Search text again inside vehicle boxes, where the whole-image plan does not reach their plates' size. */
        @WithDefault("true")
        boolean textInVehicles();

        /**
         * Person / vehicle boxes smaller than this (shorter side, pixels) get no closer look. Every larger one asks
         * for one; the image's budget decides how closely each is searched.
         */
        @WithDefault("24")
        int minBoxSide();

        /** A person's closer look covers the upper part of its box of this fraction of its height, where faces are. */
        @WithDefault("0.6")
        double personHeadFraction();

        /** A face is at least this fraction of its person box's height (measured: 5th percentile 0.046). */
        @WithDefault("0.04")
        double faceToPersonHeight();

        /**
         * A vehicle's closer look also takes in this share of its box (width and height) on every side: the text model
         * reads a plate in a tight crop worse than with its surroundings. Under a budget per image every pixel of
         * context is paid for in scale: 0.15 censored 75.9% of the plates of 1920x1080 collages of nine car photos
         * against 65.4% with 0.5, the same on the small and web photos.
         */
        @WithDefault("0.15")
        double vehicleContext();

        /**
         * A vehicle's closer look covers the lower part of its box of this fraction of its height, where plates are
         * (1 = the whole box); the context is added around that part. 0.6: collages 75.9% -> 79.6% of plates.
         */
        @WithDefault("0.6")
        double vehiclePlateZone();

        /** A plate is at least this fraction of its vehicle box's width tall (measured: 1st percentile 0.042). */
        @WithDefault("0.03")
        double plateToVehicleWidth();

        /**
         * The whole-image search keeps at least this share of a detector's budget, however many looks the photo asks
         * for; the looks share the rest, each searched down to one common height.
         */
        @WithDefault("0.5")
        double minWholeShare();

        /** Closer looks are packed side by side into shared model inputs (atlases) instead of one inference each. */
        @WithDefault("true")
        boolean pack();

        /** Model-input pixels between two looks on a shared input, so nothing of one bleeds into a find of another. */
        @WithDefault("16")
        int packGap();

        /** Model-input megapixels of one shared input; a look too large for one runs alone. */
        @WithDefault("1")
        double packMaxMegapixels();
    }
}
