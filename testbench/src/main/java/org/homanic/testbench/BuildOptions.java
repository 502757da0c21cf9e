package org.homanic.testbench;

import java.util.List;

/**
 * How a design is turned into a model library. Every field is part of the build's cache key.
 *
 * @param waveFormat       the waveform format the model can write, or {@link WaveFormat#NONE} for
 *                         the fastest model, which cannot write any
 * @param cxxOptimization  the g++ optimization flag for the model code ({@code -O2} by default:
 *                         the whole model is compiled as one translation unit, so a small design
 *                         compiles in about a second at any level, and a large one runs faster)
 * @param verilatorArgs    extra Verilator arguments, e.g. {@code -Wno-WIDTH} or {@code -GDEPTH=8}
 */
public record BuildOptions(WaveFormat waveFormat, String cxxOptimization, List<String> verilatorArgs) {

    /** FST waveforms on demand, g++ -O2. */
    public static final BuildOptions DEFAULT = new BuildOptions(WaveFormat.FST, "-O2", List.of());
    /** No waveform support, for speed. */
    public static final BuildOptions FASTEST = DEFAULT.withWaveFormat(WaveFormat.NONE);

    public BuildOptions {
        if (!cxxOptimization.matches("-O[0-3sg]")) {
            throw new IllegalArgumentException("not a g++ optimization flag: " + cxxOptimization);
        }
        verilatorArgs = List.copyOf(verilatorArgs);
    }

    public BuildOptions withWaveFormat(WaveFormat format) {
        return new BuildOptions(format, cxxOptimization, verilatorArgs);
    }

    public BuildOptions withVerilatorArgs(String... args) {
        return new BuildOptions(waveFormat, cxxOptimization, List.of(args));
    }
}
