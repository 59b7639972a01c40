package dev.anonymizer.detection;

import dev.anonymizer.config.DetectionConfig;

/** Picks the detector class for a model's family (a new family is one small class and one line here). */
final class DetectorFactory {

    private DetectorFactory() {
    }

    static Detector create(ModelSession session, DetectionConfig config) {
        String family = session.descriptor().family();
        return switch (family) {
            case "dbnet" -> new DbnetTextDetector(session, config.text().pixelThreshold(), config.text().unclipRatio(),
                    config.text().minSidePixels(), config.text().maxSide().orElse(null));
            case "yolo" -> new YoloDetector(session);
            case "blazeface" -> new BlazeFaceDetector(session, config.face().nmsIou());
            case "nanodet" -> new NanoDetDetector(session);
            case "ssd" -> new SsdDetector(session);
            case "retinaface" -> new RetinaFaceDetector(session);
            default -> throw new ModelSetupException("model '" + session.descriptor().id()
                    + "': expected family dbnet, yolo, blazeface, nanodet, ssd or retinaface, got '" + family + "'");
        };
    }
}
