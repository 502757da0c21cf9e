package org.homanic.host.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A fixed set of packet slots, allocated once and reused for every send and poll so the packet
 * path allocates nothing. Each slot holds one Homa packet (header onward) of at most
 * {@link #slotCapacity()} bytes, its length, the peer it goes to or came from, and its priority
 * level. Fill slots with {@link #next()} and {@link #commit}; a datapath empties or fills the
 * whole batch at once.
 */
public final class PacketBatch {
    /**
     * Receive flag: the NIC's grant scheduler holds no entry for this packet's message (its table
     * was full), so the host must schedule that message's grants in software.
     */
    public static final int NIC_UNTRACKED = 1;

    private final MemorySegment memory;
    private final MemorySegment[] slots;
    private final int[] lengths;
    private final long[] peers;
    private final int[] priorities;
    private final int[] flags;
    private final int slotCapacity;
    private int count;

    public PacketBatch(Arena arena, int capacity, int slotCapacity) {
        if (capacity <= 0 || slotCapacity <= 0) throw new IllegalArgumentException("batch capacity and slot size must be positive");
        this.slotCapacity = slotCapacity;
        this.memory = arena.allocate((long) capacity * slotCapacity, 64);
        this.slots = new MemorySegment[capacity];
        for (int i = 0; i < capacity; i++) slots[i] = memory.asSlice((long) i * slotCapacity, slotCapacity);
        this.lengths = new int[capacity];
        this.peers = new long[capacity];
        this.priorities = new int[capacity];
        this.flags = new int[capacity];
    }

    public int capacity() { return slots.length; }
    public int slotCapacity() { return slotCapacity; }
    public int size() { return count; }
    public boolean isFull() { return count == slots.length; }
    public boolean isEmpty() { return count == 0; }
    public void clear() { count = 0; }

    /** The slot that the next {@link #commit} will publish; its old contents are garbage. */
    public MemorySegment next() {
        if (isFull()) throw new IllegalStateException("packet batch is full");
        return slots[count];
    }

    /**
     * The {@code k}-th free slot after the published ones, for a datapath that receives several
     * packets at once straight into the slots; it then publishes them in order with
     * {@link #next()} and {@link #commit}.
     */
    public MemorySegment nextFree(int k) {
        if (k < 0 || count + k >= slots.length) throw new IndexOutOfBoundsException("free slot " + k + " of " + (slots.length - count));
        return slots[count + k];
    }

    /** Publishes the slot returned by {@link #next()}. */
    public void commit(int length, long peer, int priority) {
        commit(length, peer, priority, 0);
    }

    /** Publishes the slot with receive flags such as {@link #NIC_UNTRACKED}. */
    public void commit(int length, long peer, int priority, int flags) {
        if (length < 0 || length > slotCapacity) throw new IllegalArgumentException("packet length " + length + " outside 0.." + slotCapacity);
        lengths[count] = length;
        peers[count] = peer;
        priorities[count] = priority;
        this.flags[count] = flags;
        count++;
    }

    public MemorySegment segment(int i) { return slots[check(i)]; }
    public int length(int i) { return lengths[check(i)]; }
    public long peer(int i) { return peers[check(i)]; }
    public int priority(int i) { return priorities[check(i)]; }
    public int flags(int i) { return flags[check(i)]; }

    private int check(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("packet " + i + " of " + count);
        return i;
    }
}
