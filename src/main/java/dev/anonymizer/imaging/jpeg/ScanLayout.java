package dev.anonymizer.imaging.jpeg;

/**
 * The order in which a scan codes its blocks (ITU T.81 A.2): MCU by MCU, left to right and top to bottom; inside an
 * interleaved MCU, each component's {@code h x v} blocks row by row; a scan of one component codes that component's
 * blocks one by one, only those holding image samples.
 */
final class ScanLayout {

    private final int[] components;
    private final boolean interleaved;
    private final int mcusX;
    private final int mcusY;
    private final int[] slotComponent;
    private final int[] slotDx;
    private final int[] slotDy;
    private final int[] slotH;
    private final int[] slotV;

    ScanLayout(FrameHeader frame, int[] components) {
        this.components = components.clone();
        this.interleaved = components.length > 1;
        if (interleaved) {
            mcusX = frame.mcusX();
            mcusY = frame.mcusY();
        } else {
            mcusX = frame.codedBlocksX(components[0]);
            mcusY = frame.codedBlocksY(components[0]);
        }
        int slots = 0;
        for (int c : components) {
            FrameComponent fc = frame.components().get(c);
            slots += interleaved ? fc.h() * fc.v() : 1;
        }
        slotComponent = new int[slots];
        slotDx = new int[slots];
        slotDy = new int[slots];
        slotH = new int[slots];
        slotV = new int[slots];
        int s = 0;
        for (int c : components) {
            FrameComponent fc = frame.components().get(c);
            int h = interleaved ? fc.h() : 1;
            int v = interleaved ? fc.v() : 1;
            for (int dy = 0; dy < v; dy++) {
                for (int dx = 0; dx < h; dx++) {
                    slotComponent[s] = c;
                    slotDx[s] = dx;
                    slotDy[s] = dy;
                    slotH[s] = h;
                    slotV[s] = v;
                    s++;
                }
            }
        }
    }

    int[] components() {
        return components.clone();
    }

    int mcuCount() {
        return mcusX * mcusY;
    }

    /** Blocks per MCU. */
    int slots() {
        return slotComponent.length;
    }

    /** Frame component of block {@code slot} of an MCU. */
    int component(int slot) {
        return slotComponent[slot];
    }

    /** Position of the scan component (index into the scan's component list) that slot {@code slot} belongs to. */
    int scanComponent(int slot) {
        for (int k = 0; k < components.length; k++) {
            if (components[k] == slotComponent[slot]) {
                return k;
            }
        }
        throw new IllegalStateException("slot of no scan component");
    }

    int blockX(int mcu, int slot) {
        return mcu % mcusX * slotH[slot] + slotDx[slot];
    }

    int blockY(int mcu, int slot) {
        return mcu / mcusX * slotV[slot] + slotDy[slot];
    }
}
