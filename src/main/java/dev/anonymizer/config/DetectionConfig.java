package dev.anonymizer.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which detectors run, with which model and thresholds, and how the image is searched. */
@ConfigMapping(prefix = "anonymizer.detection")
public interface DetectionConfig {

    /** Text detector: licence plates, documents, stickers, any text. */
    Text text();

    /** Face detector. */
    Face face();

    /** Person and vehicle detector (COCO labels); steers the second-stage search and can censor persons. */
    Objects objects();

    /** Tiling of large images. */
    Tiling tiling();

    /** Second-stage search inside person and vehicle boxes. */
    SecondStage secondStage();

    /** Text detector settings. */
    interface Text {
        /** Run the text detector. */
        @WithDefault("true")
        boolean enabled();

        /** Model id (a descriptor in the models directory), family {@code dbnet}. */
        @WithDefault("ppocr-v4-det")
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
         * Overrides the descriptor's {@code input.maxSide}: the long side of the image (or tile) is scaled down to at
         * most this before inference. Larger finds smaller text and costs more time.
         */
        java.util.Optional<Integer> maxSide();

        /**
         * Text boxes on one line closer than this many times their height are joined into one region (a plate read
         * as "1A" and "MW240" is censored as one, gap included). 0 = never join.
         */
        @WithDefault("1.0")
        double joinGap();

        /** Blobs whose shorter side is smaller than this (in model-input pixels) are dropped. */
        @WithDefault("3")
        int minSidePixels();

        /**
         * Where text is censored: {@code all} text anywhere, or only {@code near-vehicles} (spares street signs
         * and shop fronts; needs the object detector).
         */
        @WithDefault("all")
        TextScope scope();

        /** With scope near-vehicles: how far around a vehicle box (as a fraction of its size) text still counts. */
        @WithDefault("0.1")
        double vehicleMargin();
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

        /**
         * Model id, family {@code retinaface}, {@code ssd} or {@code blazeface}. The default was chosen by recall on
         * WIDER FACE photos (see README, Measured): RetinaFace MobileNet-0.25 censors 82.8% of faces of 20 px and more
         * at 0.5 on its own, face-api's SSD-MobileNetV1 with BlazeFace beside it 71.2%.
         */
        @WithDefault("retinaface-mnet025-v1")
        String model();

        /**
         * More face models run beside {@code model} (each on the whole image, its own tiles and the person crops);
         * what any of them finds is censored. The default adds RetinaFace's 640 px variant, whose other weights find
         * faces the 512 px one misses: with it, the defaults censor 90.0% of WIDER FACE faces of 20 px and more; the 512 px
         * model alone, with the same face pad, 88.1% at 0.3. It about doubles the face search on a 1920x1080 photo. Set
         * it empty to run only {@code model}.
         */
        @WithDefault("retinaface-mnet025-v2")
        java.util.Optional<List<String>> extraModels();

        /**
         * Extra face models also search the whole image. Off by default: they add sensitivity for small faces on the
         * tiles and in the person crops, and large faces are judged by {@code model}. On the whole image the 640 px
         * RetinaFace marked half of a synthetic plate photo as two faces (scores 0.45 and 0.50).
         */
        @WithDefault("false")
        boolean extraModelsWholeImage();

        /**
         * Minimum face score, for every face model. With the default models, mirror pass, tiles and face pad, 0.25
         * censors 90.0% of WIDER FACE faces of 20 px and more (97.5% of those neither heavily blurred nor heavily
         * occluded) with 10.6% of the image censored outside labelled faces; 0.3 gives 89.3% for 10.0%, 0.4 88.0% for
         * 9.0%. Raise it where a blurred background costs more than a missed face.
         */
        @WithDefault("0.25")
        double minScore();

        /**
         * A face lying mostly inside a vehicle box and larger than this share of it is dropped as part of the vehicle
         * (car fronts read as faces). 0 = keep all.
         */
        @WithDefault("0.2")
        double maxVehicleShare();

        /**
         * Also run every face pass on the mirror image: one more inference per pass, in exchange for faces that one
         * orientation scores just under {@code min-score} (with the default model: 84.4% instead of 82.8% of WIDER
         * faces of 20 px and more at 0.5).
         */
        @WithDefault("true")
        boolean mirror();

        /** IoU above which two face boxes of one pass are the same face. */
        @WithDefault("0.3")
        double nmsIou();
    }

    /** Object (person / vehicle) detector settings. */
    interface Objects {
        /** Run the object detector. */
        @WithDefault("true")
        boolean enabled();

        /** Model id, family {@code nanodet} or {@code yolo}. */
        @WithDefault("nanodet-416")
        String model();

        /** Minimum class score (NanoDet scores are low: the truck in darknet's dog.jpg scores 0.31). */
        @WithDefault("0.25")
        double minScore();

        /** IoU above which two boxes of one class are the same object. */
        @WithDefault("0.5")
        double nmsIou();

        /** Model labels that count as a person. */
        @WithDefault("person")
        List<String> personLabels();

        /** Model labels that count as a vehicle (their plates and documents are searched). */
        @WithDefault("car,truck,bus,motorcycle")
        List<String> vehicleLabels();
    }

    /** Tiling: detectors with a small fixed input also look at overlapping tiles of large images. */
    interface Tiling {
        /** Tile large images. */
        @WithDefault("true")
        boolean enabled();

        /** For the text detector: images whose long side exceeds this many pixels are also searched tile by tile. */
        @WithDefault("1280")
        int minImageSide();

        /** Side of a square text-detector tile in image pixels. */
        @WithDefault("960")
        int tileSize();

        /** Overlap between neighbouring tiles as a fraction of the tile size. */
        @WithDefault("0.2")
        double overlap();

        /**
         * Face tiles: side of a tile as a multiple of the face model's input side (0.5: RetinaFace 512 sees 256 px
         * tiles enlarged 2x). Images whose long side exceeds 1.5 tiles are also searched tile by tile, so small faces
         * are enlarged rather than shrunk. With the default model, 0.5 instead of 0.75 finds 53.5% instead of 38.1%
         * of WIDER faces under 20 px (86.1% instead of 85.3% of those of 20 px and more) and takes 1.9 s instead of
         * 1.0 s for the faces of a 1920x1080 photo. 0 = off.
         */
        @WithDefault("0.5")
        double faceTileScale();

        /**
         * Faces found in a tile that are larger than this fraction of the tile side are dropped: faces that large
         * are searched on the whole image, and in an enlarged tile such finds were water and sand textures.
         */
        @WithDefault("0.5")
        double faceTileMaxFaceFraction();
    }

    /** Second stage: search faces inside upscaled person boxes and text inside vehicle boxes. */
    interface SecondStage {
        /** Search faces again inside each person box. */
        @WithDefault("true")
        boolean facesInPersons();

        /** Search text again inside each vehicle box. */
        @WithDefault("true")
        boolean textInVehicles();

        /** Person / vehicle boxes smaller than this (shorter side, pixels) are not searched again. */
        @WithDefault("24")
        int minBoxSide();

        /** At most this many boxes per category get a second look (largest first). */
        @WithDefault("12")
        int maxBoxes();

        /**
         * A vehicle crop is enlarged up to this many times before the text detector looks at it (within its
         * long-side limit), so a distant plate gets enough pixels per character.
         */
        @WithDefault("2.0")
        double maxUpscale();

        /** Look again, closer and with context, at each small text region (a distant plate read only in part). */
        @WithDefault("true")
        boolean refineText();

        /** Text regions up to this height (pixels) count as small for {@code refine-text}. */
        @WithDefault("48")
        int refineMaxHeight();

        /** A person crop is cut to its upper part of this fraction of its height, where faces are. */
        @WithDefault("0.5")
        double personHeadFraction();
    }
}
