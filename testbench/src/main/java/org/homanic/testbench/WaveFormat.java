package org.homanic.testbench;

/** Waveform file formats; a model is built for one of them (Verilator generates different trace code). */
public enum WaveFormat {
    /** GTKWave's compressed format: small files, the default. */
    FST("fst", "--trace-fst"),
    /** Plain-text value change dump, readable by every waveform viewer. */
    VCD("vcd", "--trace");

    private final String extension;
    private final String verilatorFlag;

    WaveFormat(String extension, String verilatorFlag) {
        this.extension = extension;
        this.verilatorFlag = verilatorFlag;
    }

    public String extension() {
        return extension;
    }

    String verilatorFlag() {
        return verilatorFlag;
    }
}
