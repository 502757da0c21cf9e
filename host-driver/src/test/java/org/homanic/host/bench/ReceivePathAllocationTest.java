package org.homanic.host.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Receiving DATA into bpages allocates per message (its page list and reassembly state), never
 * per packet: validation, the reassembly rule and the copy work in place on MemorySegments.
 */
class ReceivePathAllocationTest {

    @Test
    void reassemblingAMessageOfSevenHundredPacketsAllocatesOnlyPerMessage() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (boolean shuffled : new boolean[] {false, true}) {
            ReassemblyBench b = new ReassemblyBench(new ReassemblyBench.Setup(1_000_000, 1424, shuffled, 0, 1, 1, 5));
            try {
                for (int i = 0; i < 300; i++) b.reassembleOnce(); // warm up the JIT
                int messages = 200;
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < messages; i++) b.reassembleOnce();
                long perMessage = (threads.getCurrentThreadAllocatedBytes() - before) / messages;
                System.out.println((shuffled ? "shuffled" : "in order") + ": bytes allocated per 703-packet message: " + perMessage);
                // Per message: IncomingMessage, its Reassembly with the gap arrays (which
                // grow to hundreds of entries when shuffled), MessageBuffer and its page list.
                // One object per packet would be at least 703 × 16 bytes.
                assertTrue(perMessage < (shuffled ? 703 * 16 : 1_000), perMessage + " bytes per message");
            } finally {
                b.close();
            }
        }
    }
}
