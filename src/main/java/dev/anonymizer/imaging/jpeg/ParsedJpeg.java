package dev.anonymizer.imaging.jpeg;

import java.util.List;

/**
 * The structure of a JPEG file as far as re-writing it needs: the frame, the scans with the tables each uses, the
 * quantisation table each component was coded with, and the two APPn facts that change how pixels are read
 * (JFIF density, Adobe colour transform). Everything else in the file (EXIF, XMP, comments, thumbnails, trailing
 * data) is not kept here at all.
 *
 * @param componentQuant per frame component: its quantisation table, 64 values in zig-zag order
 * @param adobeTransform the Adobe APP14 colour transform (0 none/RGB/CMYK, 1 YCbCr, 2 YCCK), -1 when absent
 * @param hasExif        whether an EXIF APP1 segment is present (the only place a decoder reads an orientation from)
 */
record ParsedJpeg(FrameHeader frame, List<ScanHeader> scans, List<int[]> componentQuant, JfifDensity jfif,
        int adobeTransform, boolean hasExif) {

    public ParsedJpeg {
        scans = List.copyOf(scans);
        componentQuant = List.copyOf(componentQuant);
    }
}
