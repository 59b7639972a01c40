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
                    config.text().minSidePixels());
            case "yunet" -> new YuNetDetector(session);
            case "nanodet" -> new NanoDetDetector(session);
            case "retinaface" -> new RetinaFaceDetector(session);
            case "yolo" -> new YoloDetector(session);
            default -> throw new ModelSetupException("model '" + session.descriptor().id()
                    + "': expected family dbnet, yunet, nanodet, retinaface or yolo, got '" + family + "'");
        };
    }
}
