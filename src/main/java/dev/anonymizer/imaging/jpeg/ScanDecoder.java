package dev.anonymizer.imaging.jpeg;

import java.util.Arrays;

/**
 * Decodes the entropy-coded data of one sequential Huffman scan into quantised DCT coefficients (ITU T.81 F.2.2),
 * block by block in coding order, with DC prediction reset at each restart marker. It never writes pixels: the
 * coefficients are exactly what the file holds.
 */
final class ScanDecoder {

    /** Largest size category of a DC difference (8-bit samples) and of an AC coefficient. */
    static final int MAX_DC_CATEGORY = 11;
    static final int MAX_AC_CATEGORY = 10;
    /** The AC symbols for "end of block" and "sixteen zeros". */
    static final int EOB = 0x00;
    static final int ZRL = 0xF0;
    /** Zero coefficients one ZRL stands for; runs of up to one less fit one AC symbol. */
    static final int ZRL_RUN = 16;

    private ScanDecoder() {
    }

    /** Decodes {@code scan} of {@code jpeg} (bytes {@code file}), handing every block to {@code visitor}. */
    static void decode(byte[] file, FrameHeader frame, ScanHeader scan, BlockVisitor visitor)
            throws UnsupportedJpegException {
        if (!scan.isSequential()) {
            throw new UnsupportedJpegException(FallbackReason.PROGRESSIVE, "not a sequential scan");
        }
        ScanLayout layout = new ScanLayout(frame, scan.components());
        int n = scan.components().length;
        HuffmanDecoder[] dc = new HuffmanDecoder[n];
        HuffmanDecoder[] ac = new HuffmanDecoder[n];
        for (int k = 0; k < n; k++) {
            if (scan.dcTables()[k] == null || scan.acTables()[k] == null) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "a scan uses an undefined Huffman table");
            }
            dc[k] = new HuffmanDecoder(scan.dcTables()[k]);
            ac[k] = new HuffmanDecoder(scan.acTables()[k]);
        }
        int[] slotScanComponent = new int[layout.slots()];
        for (int s = 0; s < layout.slots(); s++) {
            slotScanComponent[s] = layout.scanComponent(s);
        }
        EntropyReader in = new EntropyReader(file, scan.dataStart(), scan.dataEnd());
        int[] predictor = new int[n];
        short[] zz = new short[Zigzag.BLOCK_SIZE];
        int interval = scan.restartInterval();
        int restarts = 0;
        for (int mcu = 0; mcu < layout.mcuCount(); mcu++) {
            if (interval > 0 && mcu > 0 && mcu % interval == 0) {
                in.restart(restarts++);
                Arrays.fill(predictor, 0);
            }
            for (int s = 0; s < layout.slots(); s++) {
                int k = slotScanComponent[s];
                predictor[k] = decodeBlock(in, dc[k], ac[k], predictor[k], zz);
                visitor.block(layout.component(s), layout.blockX(mcu, s), layout.blockY(mcu, s), zz);
            }
            in.checkNotOverrun();
        }
    }

    /** Decodes one block into {@code zz}; returns its DC value (the next predictor). */
    private static int decodeBlock(EntropyReader in, HuffmanDecoder dc, HuffmanDecoder ac, int predictor, short[] zz)
            throws UnsupportedJpegException {
        Arrays.fill(zz, (short) 0);
        int s = dc.decode(in);
        if (s > MAX_DC_CATEGORY) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "DC difference of category " + s);
        }
        int value = predictor + in.receiveExtend(s);
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "DC value out of range");
        }
        zz[0] = (short) value;
        int k = 1;
        while (k < Zigzag.BLOCK_SIZE) {
            int rs = ac.decode(in);
            int run = rs >> 4;
            int size = rs & 0x0F;
            if (size == 0) {
                if (rs == ZRL) {
                    k += ZRL_RUN;
                    continue;
                }
                if (rs != EOB) {
                    throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "AC symbol 0x" + Integer.toHexString(rs));
                }
                break;
            }
            k += run;
            if (k >= Zigzag.BLOCK_SIZE || size > MAX_AC_CATEGORY) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "AC coefficients past the end of a block");
            }
            zz[k++] = (short) in.receiveExtend(size);
        }
        return value;
    }
}
