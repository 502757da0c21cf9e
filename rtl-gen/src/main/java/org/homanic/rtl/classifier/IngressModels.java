package org.homanic.rtl.classifier;

import org.homanic.hdl.Verilog;
import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.VerilogDesign;

import java.util.LinkedHashMap;

/** Verilator models of the ingress classifier (built once per parameter set, cached by content). */
public final class IngressModels {
    private IngressModels() {}

    public static VerilogDesign design(IngressClassifier.Params p) {
        Verilog.Design d = Verilog.emit(new IngressClassifier(p));
        return new VerilogDesign(d.top(), new LinkedHashMap<>(d.verilogFiles()));
    }

    /** Without waveform code (fastest) unless {@code waves}. */
    public static Model load(IngressClassifier.Params p, boolean waves) {
        return Model.load(design(p), waves ? BuildOptions.DEFAULT : BuildOptions.FASTEST);
    }
}
