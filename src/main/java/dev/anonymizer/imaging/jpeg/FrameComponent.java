package dev.anonymizer.imaging.jpeg;

/**
 * One colour component of a frame (SOFn): its identifier, sampling factors and quantisation table slot.
 *
 * @param id      component identifier as the file numbers it
 * @param h       horizontal sampling factor (1..4)
 * @param v       vertical sampling factor (1..4)
 * @param quantId quantisation table slot (0..3)
 */
record FrameComponent(int id, int h, int v, int quantId) {
}
