package dev.anonymizer.detection;

/** Picks the detector class for a model's family (a new family is one small class and one line here). */
final class DetectorFactory {

    private DetectorFactory() {
    }

    static Detector create(ModelSession session, DetectionSettings.Text text) {
        String family = session.descriptor().family();
        return switch (family) {
            case "dbnet" -> new DbnetTextDetector(session, text.pixelThreshold(), text.unclipRatio(),
                    text.minSidePixels());
            case "yunet" -> new YuNetDetector(session);
            case "nanodet" -> new NanoDetDetector(session);
            case "retinaface" -> new RetinaFaceDetector(session);
            case "yolo" -> new YoloDetector(session);
            default -> throw new ModelSetupException("model '" + session.descriptor().id()
                    + "': expected family dbnet, yunet, nanodet, retinaface or yolo, got '" + family + "'");
        };
    }
}
