package org.homanic.host.board;

import org.homanic.host.datapath.linux.Libc;
import org.homanic.host.datapath.linux.SyscallException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One PCIe BAR of a device mapped into this process through sysfs
 * ({@code /sys/bus/pci/devices/<bdf>/resource<N>}, opened read-write and {@code mmap}ed shared
 * with Panama's linker into libc). Registers are 32-bit little-endian words read and written
 * with volatile accesses, so each Java access is exactly one bus access, in program order.
 * Mapping a sysfs resource needs root (or CAP_SYS_ADMIN).
 */
@SuppressWarnings("restricted") // mapping a BAR is native memory by nature; the JVM must allow it (--enable-native-access)
public final class PcieBar implements AutoCloseable {
    /** A PCI address as sysfs names it: domain:bus:device.function. */
    private static final Pattern BDF = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");
    private static final Path DEVICES = Path.of("/sys/bus/pci/devices");
    private static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle REG = WORD.varHandle();

    private final Path file;
    private final long size;
    private final Arena arena;
    private final MemorySegment base;
    private final MemorySegment window;

    private PcieBar(Path file, long size, Arena arena, MemorySegment base) {
        this.file = file;
        this.size = size;
        this.arena = arena;
        this.base = base;
        this.window = base.reinterpret(size);
    }

    /**
     * Maps BAR {@code bar} of the device at {@code bdf} (e.g. {@code 0000:81:00.0}, as
     * {@code lspci -D} prints it). A device or BAR that is not there is a
     * {@link DeviceNotFoundException} that says so.
     */
    public static PcieBar open(String bdf, int bar) {
        return open(DEVICES, bdf, bar);
    }

    /** As {@link #open(String, int)} with another sysfs device directory (tests use a fake one). */
    public static PcieBar open(Path devices, String bdf, int bar) {
        if (bdf == null || !BDF.matcher(bdf).matches()) {
            throw new IllegalArgumentException("PCI address must look like 0000:81:00.0 (lspci -D), not '" + bdf + "'");
        }
        if (bar < 0 || bar > 5) {
            throw new IllegalArgumentException("a PCI device has BARs 0 to 5, not " + bar);
        }
        Path device = devices.resolve(bdf.toLowerCase(java.util.Locale.ROOT));
        if (!Files.isDirectory(device)) {
            throw new DeviceNotFoundException("no PCI device " + bdf + " (" + device + " does not exist): is the card in, "
                    + "the bitstream loaded and the bus rescanned? lspci -D lists the devices");
        }
        Path resource = device.resolve("resource" + bar);
        if (!Files.exists(resource)) {
            throw new DeviceNotFoundException("PCI device " + bdf + " has no BAR " + bar + " (" + resource + " does not exist)");
        }
        return map(resource);
    }

    /**
     * Maps a whole file: a sysfs {@code resource<N>} file (whose size is the BAR's size), or a
     * regular file standing in for one.
     */
    public static PcieBar map(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DeviceNotFoundException("cannot read " + file + ": " + e.getMessage());
        }
        if (size < 4) {
            throw new DeviceNotFoundException(file + " is empty: the BAR is not enabled");
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment errno = Libc.newErrnoCapture(arena);
            MemorySegment path = arena.allocateFrom(file.toString());
            int fd = Libc.open(errno, path, Libc.O_RDWR | Libc.O_SYNC | Libc.O_CLOEXEC);
            if (fd < 0) {
                throw SyscallException.of("open", Libc.errno(errno), file + " (mapping a PCIe BAR needs root)");
            }
            MemorySegment base;
            try {
                base = Libc.mmap(errno, MemorySegment.NULL, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
                if (base.address() == Libc.MAP_FAILED) {
                    throw SyscallException.of("mmap", Libc.errno(errno), file.toString());
                }
            } finally {
                Libc.close(errno, fd);
            }
            return new PcieBar(file, size, arena, base);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The BAR's size in bytes. */
    public long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    /** The 32-bit register at byte {@code offset} (a multiple of 4 inside the BAR). */
    public int read32(long offset) {
        check(offset);
        return (int) REG.getVolatile(window, offset);
    }

    public void write32(long offset, int value) {
        check(offset);
        REG.setVolatile(window, offset, value);
    }

    private void check(long offset) {
        if ((offset & 3) != 0 || offset < 0 || offset > size - 4) {
            throw new IllegalArgumentException("register offset 0x" + Long.toHexString(offset)
                    + " is not a 4-byte aligned offset inside the " + size + "-byte BAR " + file);
        }
    }

    /** Unmaps the BAR; later accesses fail. */
    @Override
    public void close() {
        MemorySegment errno = Libc.newErrnoCapture(arena);
        Libc.munmap(errno, base, size);
        arena.close();
    }
}
