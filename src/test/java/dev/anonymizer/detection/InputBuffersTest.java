package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class InputBuffersTest {

    @Test
    void aBufferHandedBackIsLentAgainForTheSameSizeOrSmaller() {
        InputBuffers buffers = new InputBuffers(2);
        InputBuffers.Lease first = buffers.take(4096);
        long address = addressOf(first);
        first.run();
        InputBuffers.Lease again = buffers.take(1024);
        assertEquals(address, addressOf(again), "the kept buffer is lent again");
        assertEquals(1024, again.bytes().remaining(), "exactly the bytes asked for");
        assertEquals(ByteOrder.nativeOrder(), again.bytes().order());
        assertTrue(again.bytes().isDirect());
    }

    @Test
    void twoLeasesHeldAtOnceNeverShareABuffer() {
        InputBuffers buffers = new InputBuffers(2);
        buffers.take(4096).run();
        InputBuffers.Lease a = buffers.take(4096);
        InputBuffers.Lease b = buffers.take(4096);
        assertTrue(addressOf(a) != addressOf(b), "a kept buffer goes to one lease only");
    }

    @Test
    void aLargerRequestGetsANewBufferNotASmallKeptOne() {
        InputBuffers buffers = new InputBuffers(2);
        buffers.take(1024).run();
        InputBuffers.Lease large = buffers.take(8192);
        assertEquals(8192, large.bytes().remaining());
        assertEquals(1, buffers.keptCount(), "the small one stays kept");
    }

    @Test
    void aLeaseHandedBackTwiceIsKeptOnce() {
        InputBuffers buffers = new InputBuffers(4);
        InputBuffers.Lease lease = buffers.take(1024);
        lease.run();
        lease.run();
        assertEquals(1, buffers.keptCount());
        InputBuffers.Lease a = buffers.take(1024);
        InputBuffers.Lease b = buffers.take(1024);
        assertNotSame(a.bytes(), b.bytes());
        assertTrue(addressOf(a) != addressOf(b), "one buffer handed back twice is lent once");
    }

    @Test
    void whenFullTheLargerBuffersAreKept() {
        InputBuffers buffers = new InputBuffers(1);
        InputBuffers.Lease small = buffers.take(1024);
        InputBuffers.Lease large = buffers.take(8192);
        long largeAddress = addressOf(large);
        small.run();
        large.run();
        assertEquals(1, buffers.keptCount());
        assertEquals(largeAddress, addressOf(buffers.take(8192)), "the large one is kept, the small one dropped");
    }

    @Test
    void nothingIsKeptWithABoundOfZero() {
        InputBuffers buffers = new InputBuffers(0);
        buffers.take(1024).run();
        assertEquals(0, buffers.keptCount());
        assertThrows(IllegalArgumentException.class, () -> new InputBuffers(-1));
    }

    @Test
    void aPreparedInputClosedHandsItsBufferBack() {
        InputBuffers buffers = new InputBuffers(2);
        InputBuffers.Lease lease = buffers.take(16);
        PreparedInput input = new PreparedInput(lease.bytes().asFloatBuffer(), new long[] {1, 1, 2, 2}, 2, 2, 1, 1, 0,
                0, lease);
        assertEquals(0, buffers.keptCount());
        input.close();
        assertEquals(1, buffers.keptCount());
        assertSame(lease, input.release());
    }

    /** Where the lent bytes start in native memory: the same address is the same buffer. */
    private static long addressOf(InputBuffers.Lease lease) {
        try (BytePointer p = new BytePointer(lease.bytes())) {
            return p.address() + p.position();
        }
    }
}
