package org.homanic.protocol.wire;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing and reading packets through the flyweights allocates nothing per packet. */
class HotPathAllocationTest {

    @Test
    void parsingAndReadingFramesDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] data = WireFixtures.packet("DATA");
        MemorySegment frame = MemorySegment.ofArray(new FrameBuilder().priority(3).vlan(5, 0).build(data));
        FrameParser parser = new FrameParser();
        DataView view = new DataView();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) sink += once(parser, view, frame); // warm up the JIT
        long before = threads.getCurrentThreadAllocatedBytes();
        int packets = 1_000_000;
        for (int i = 0; i < packets; i++) sink += once(parser, view, frame);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(packets * (1024L + 17 + 7), sink - 200_000L * (1024 + 17 + 7));
        System.out.println("bytes allocated for " + packets + " parsed frames: " + allocated);
        assertTrue(allocated < packets / 10, allocated + " bytes allocated for " + packets + " packets");
    }

    private static long once(FrameParser parser, DataView view, MemorySegment frame) {
        if (!parser.parseFrame(frame, 0, frame.byteSize())) throw new AssertionError(parser.rejection());
        view.wrap(frame, parser.homaOffset());
        return view.messageLength() + view.offset() + parser.payloadLength();
    }
}
