package org.homanic.testbench;

/** Waveform file formats; a model is built for one of them (Verilator generates different trace code). */
public enum WaveFormat {
    /** GTKWave's compressed format: small files, the default. */
    FST("fst", "--trace-fst"),
    /** Plain-text value change dump, readable by every waveform viewer. */
    VCD("vcd", "--trace"),
    /**
     * No waveform support: Verilator generates no trace code, and the model runs markedly faster
     * (1.6x on the benchmark's register-slice chain), because it need not keep every signal in
     * memory for a tracer. For long randomized runs and benchmarks.
     */
    NONE("", null);

    private final String extension;
    private final String verilatorFlag;

    WaveFormat(String extension, String verilatorFlag) {
        this.extension = extension;
        this.verilatorFlag = verilatorFlag;
    }

    public String extension() {
        return extension;
    }

    /** The Verilator flag that enables this format's trace code, or null. */
    String verilatorFlag() {
        return verilatorFlag;
    }
}
