package org.homanic.testbench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One running instance of a {@link Model}, with its own Verilated context: several simulators,
 * of one design or of different ones, run side by side in one JVM without sharing state.
 *
 * <p>Time: each clock cycle is 10 time units; inputs set before {@link #tick()} are sampled at
 * its rising edge. {@link #step(long)} runs a batch of cycles in native code. When the design
 * ends the simulation ({@code $finish}, {@code $stop}, {@code $fatal}, a failed assertion), the
 * call that ran it throws a {@link SimulationException}; the simulator then refuses to run
 * further but its ports can still be read. What the design prints ({@code $display}) goes to
 * {@link #output(PrintStream)}, {@code System.out} by default. Not thread-safe.
 */
@SuppressWarnings("restricted") // views native model memory as segments; needs --enable-native-access
public final class Simulator implements AutoCloseable {

    // Offsets into the shim's HomaState (homa_shim.cpp.template asserts the same numbers; the
    // event code itself, at 16, comes back as the status of each call).
    private static final long CYCLES = 0, TIME = 8, EVENT_LINE = 20, OUTPUT_LENGTH = 24,
            OUTPUT_DROPPED = 28, EVENT_TIME = 32, EVENT_CYCLE = 40, EVENT_FILE = 48, EVENT_MESSAGE = 304,
            OUTPUT = 816;
    private static final int FILE_CAP = 256, MESSAGE_CAP = 512;
    private static final int OUTPUT_PENDING = 0x100; // or-ed into a call's status by the shim
    private static final String[] CLOCK_NAMES = {"clk", "clock", "aclk", "ap_clk", "clk_i", "i_clk"};
    private static final String[] ACTIVE_HIGH_RESETS = {"rst", "reset", "srst", "rst_i", "i_rst"};
    private static final String[] ACTIVE_LOW_RESETS = {"rst_n", "resetn", "reset_n", "aresetn", "arst_n", "rstn", "ap_rst_n"};

    // Frees the native model of a simulator that was never closed once it becomes unreachable,
    // so a forgotten close() leaks nothing for long (close() does it at once and runs final blocks).
    private static final Cleaner CLEANER = Cleaner.create();

    private final Model model;
    private final String name;
    private final Arena arena = Arena.ofShared();
    private final Cleaner.Cleanable freeNative;
    private final MemorySegment sim;
    private final MemorySegment state;
    private final List<Port> ports;
    private final MemorySegment portPointers;
    private MemorySegment clock = MemorySegment.NULL;
    private String clockName;
    private SimulationException ended;
    private Path waveform;
    private PrintStream output = System.out;
    private boolean closed;
    // True while tick and step may run (open, not ended, clock chosen): one test on the hot path.
    private boolean clockedRunnable;

    Simulator(Model model, String name) {
        this.model = model;
        this.name = name;
        MemorySegment raw;
        try {
            raw = (MemorySegment) NativeCalls.PTR_OF_VOID.invokeExact(model.fnNew);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (raw.equals(MemorySegment.NULL)) {
            arena.close();
            throw new IllegalStateException("the model of '" + name + "' could not be constructed");
        }
        this.sim = raw;
        this.freeNative = CLEANER.register(this, new FreeNative(model.fnDelete, raw, arena));
        this.state = raw.reinterpret(model.stateSize, arena, null);
        int n = model.ports().size();
        MemorySegment pointers = arena.allocate(ADDRESS, Math.max(1, n));
        try {
            NativeCalls.VOID_OF_PTR_PTR.invokeExact(model.fnPortPointers, sim, pointers);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        this.portPointers = pointers;
        List<Port> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PortDeclaration d = model.ports().get(i);
            // Each port's storage as a segment of its own size, valid only while this simulator is open.
            MemorySegment storage = pointers.getAtIndex(ADDRESS, i).reinterpret(d.storageBytes(), arena, null);
            list.add(new Port(d, storage));
        }
        this.ports = Collections.unmodifiableList(list);
        for (String c : CLOCK_NAMES) {
            if (findPort(c).filter(p -> p.width() == 1 && p.direction().writable()).isPresent()) {
                useClock(c);
                break;
            }
        }
        try {
            afterCall((int) NativeCalls.INT_OF_PTR.invokeExact(model.fnInitialize, sim));
        } catch (Throwable t) {
            // An initial block ended the simulation at time 0: nothing left to run.
            close();
            throw rethrow(t);
        }
    }

    public Model model() {
        return model;
    }

    public List<Port> ports() {
        return ports;
    }

    /** The port called {@code portName}; throws when the design has none. */
    public Port port(String portName) {
        return findPort(portName).orElseThrow(() -> new IllegalArgumentException(
                "design '" + name + "' has no port '" + portName + "'; it has " + ports.stream().map(Port::name).toList()));
    }

    public Optional<Port> findPort(String portName) {
        int i = model.portIndex(portName);
        return i < 0 ? Optional.empty() : Optional.of(ports.get(i));
    }

    /** Makes {@code clockPort} the clock that {@link #tick()} and {@link #step(long)} toggle. */
    public Simulator useClock(String clockPort) {
        Port p = port(clockPort);
        if (p.width() != 1 || !p.direction().writable()) {
            throw new IllegalArgumentException("clock " + clockPort + " must be a one-bit input");
        }
        // The shim's tick and step take the clock's storage address, so they need no port lookup.
        clock = portPointers.getAtIndex(ADDRESS, model.portIndex(clockPort));
        clockName = clockPort;
        clockedRunnable = !closed && ended == null;
        return this;
    }

    /** Where the design's printed output goes (System.out by default). */
    public Simulator output(PrintStream stream) {
        this.output = stream;
        return this;
    }

    /** Settles combinational logic after inputs changed, without a clock edge. */
    public void eval() {
        checkRunnable();
        int status;
        try {
            status = (int) NativeCalls.INT_OF_PTR_CRITICAL.invokeExact(model.fnEval, sim);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        afterCall(status);
    }

    /** One clock cycle: rising edge (sampling the inputs as set now), then falling edge. */
    public void tick() {
        if (!clockedRunnable) checkClocked();
        int status;
        try {
            status = (int) NativeCalls.INT_OF_PTR_PTR_CRITICAL.invokeExact(model.fnTick, sim, clock);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        afterCall(status);
    }

    /** Runs {@code cycles} clock cycles in native code with the inputs as they are; stops early at an event. */
    public void step(long cycles) {
        if (cycles < 0) throw new IllegalArgumentException("negative cycle count " + cycles);
        if (!clockedRunnable) checkClocked();
        int status;
        try {
            status = (int) NativeCalls.INT_OF_PTR_PTR_LONG.invokeExact(model.fnStep, sim, clock, cycles);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        afterCall(status);
    }

    /** Evaluates and moves time forward without a clock edge: for combinational designs. */
    public void advance(long timeUnits) {
        checkRunnable();
        int status;
        try {
            status = (int) NativeCalls.INT_OF_PTR_LONG.invokeExact(model.fnAdvance, sim, timeUnits);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        afterCall(status);
    }

    /**
     * Holds the design's reset port active for {@code cycles} clock cycles, then releases it and
     * settles. The port is found by name: rst, reset, srst (active high) or rst_n, resetn, aresetn,
     * arst_n, ... (active low).
     */
    public void reset(int cycles) {
        for (String r : ACTIVE_HIGH_RESETS) {
            if (findPort(r).isPresent()) {
                reset(r, true, cycles);
                return;
            }
        }
        for (String r : ACTIVE_LOW_RESETS) {
            if (findPort(r).isPresent()) {
                reset(r, false, cycles);
                return;
            }
        }
        throw new IllegalArgumentException("design '" + name + "' has no reset port with a usual name; use reset(name, activeHigh, cycles)");
    }

    /** Holds {@code resetPort} at its active level for {@code cycles} cycles, then releases it. */
    public void reset(String resetPort, boolean activeHigh, int cycles) {
        Port r = port(resetPort);
        r.set(activeHigh);
        step(cycles);
        r.set(!activeHigh);
        eval();
    }

    /** Full clock cycles run so far. */
    public long cycle() {
        return state.get(JAVA_LONG, CYCLES);
    }

    /** Simulation time in Verilator time units (10 per clock cycle). */
    public long time() {
        return state.get(JAVA_LONG, TIME);
    }

    /** What ended the simulation, if something did. */
    public Optional<SimulationException> endedBy() {
        return Optional.ofNullable(ended);
    }

    /**
     * Starts writing a waveform to {@code file} (FST or VCD, as the model was built; see
     * {@link BuildOptions}), with every signal of the design under its Verilog name.
     */
    public Path openWaveform(Path file) {
        checkOpen();
        if (model.options().waveFormat() == WaveFormat.NONE) {
            throw new IllegalStateException("model of '" + name + "' was built without waveform support (WaveFormat.NONE)");
        }
        if (waveform != null) throw new IllegalStateException("a waveform is already open: " + waveform);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int status;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment path = call.allocateFrom(file.toAbsolutePath().toString(), StandardCharsets.UTF_8);
            status = (int) NativeCalls.INT_OF_PTR_PTR_INT.invokeExact(model.fnTraceOpen, sim, path, 99);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        waveform = file;
        afterCall(status);
        return file;
    }

    /** The waveform being written, if any. */
    public Optional<Path> waveform() {
        return Optional.ofNullable(waveform);
    }

    /** Writes buffered waveform data to the file, so a viewer sees everything up to now. */
    public void flushWaveform() {
        if (waveform == null || closed) return;
        try {
            NativeCalls.VOID_OF_PTR.invokeExact(model.fnTraceFlush, sim);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Finishes the waveform file; the simulator keeps running without one. */
    public void closeWaveform() {
        if (waveform == null || closed) return;
        try {
            NativeCalls.VOID_OF_PTR.invokeExact(model.fnTraceClose, sim);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Runs the design's final blocks, completes the waveform and frees the native model. */
    @Override
    public void close() {
        if (closed) return;
        try {
            int status = (int) NativeCalls.INT_OF_PTR.invokeExact(model.fnFinal, sim) & ~OUTPUT_PENDING;
            drainOutput();
            if (status != 0 && ended == null) ended = eventFromState(status);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            closed = true;
            clockedRunnable = false;
            freeNative.clean();
        }
    }

    /** Invalidates the ports' segments, then frees the model; runs once, from close() or the cleaner. */
    private record FreeNative(MemorySegment deleteFunction, MemorySegment sim, Arena arena) implements Runnable {
        @Override
        public void run() {
            arena.close();
            try {
                NativeCalls.VOID_OF_PTR.invokeExact(deleteFunction, sim);
            } catch (Throwable t) {
                throw new IllegalStateException("freeing a native model failed", t);
            }
        }
    }

    private void afterCall(int status) {
        if (status != 0) afterEventOrOutput(status);
    }

    private void afterEventOrOutput(int status) {
        if ((status & OUTPUT_PENDING) != 0) drainOutput();
        int event = status & ~OUTPUT_PENDING;
        if (event != 0) {
            ended = eventFromState(event);
            clockedRunnable = false;
            throw ended;
        }
    }

    private SimulationException eventFromState(int status) {
        long time = state.get(JAVA_LONG, EVENT_TIME);
        long cycle = state.get(JAVA_LONG, EVENT_CYCLE);
        int line = state.get(JAVA_INT, EVENT_LINE);
        String file = state.asSlice(EVENT_FILE, FILE_CAP).getString(0);
        String message = state.asSlice(EVENT_MESSAGE, MESSAGE_CAP).getString(0).strip();
        return switch (status) {
            case 1 -> new SimulationFinishedException(time, cycle, file, line, message.equals("$finish") ? "" : message);
            case 2 -> new SimulationStoppedException(time, cycle, file, line, message);
            default -> new SimulationFatalException(time, cycle, file, line, message);
        };
    }

    private void drainOutput() {
        int length = state.get(JAVA_INT, OUTPUT_LENGTH);
        int dropped = state.get(JAVA_INT, OUTPUT_DROPPED);
        if (length > 0) {
            byte[] bytes = new byte[length];
            MemorySegment.copy(state, java.lang.foreign.ValueLayout.JAVA_BYTE, OUTPUT, bytes, 0, length);
            output.print(new String(bytes, StandardCharsets.UTF_8));
        }
        if (dropped > 0) output.println("[homa: " + dropped + " bytes of simulation output dropped]");
        state.set(JAVA_INT, OUTPUT_LENGTH, 0);
        state.set(JAVA_INT, OUTPUT_DROPPED, 0);
        output.flush();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("simulator of '" + name + "' is closed");
    }

    private void checkRunnable() {
        checkOpen();
        if (ended != null) {
            throw new IllegalStateException("simulation of '" + name + "' already ended: " + ended.getMessage(), ended);
        }
    }

    private void checkClocked() {
        checkRunnable();
        if (clockName == null) {
            throw new IllegalStateException("design '" + name + "' has no port named like a clock; call useClock(name)");
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "Simulator[" + name + ", cycle " + cycle() + (closed ? ", closed" : "") + "]";
    }
}
