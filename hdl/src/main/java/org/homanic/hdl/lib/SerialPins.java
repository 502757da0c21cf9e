package org.homanic.hdl.lib;

import org.homanic.hdl.Bits;
import org.homanic.hdl.Bool;
import org.homanic.hdl.Module;
import org.homanic.hdl.Signal;
import org.homanic.hdl.UInt;

import java.util.ArrayList;
import java.util.List;

import static org.homanic.hdl.Hdl.*;

/**
 * Wraps a design whose ports outnumber a small FPGA's pins, for place-and-route timing: every
 * data input of the design comes from a shift register fed by one pin, and every data output
 * is captured into a shift register read out through one pin. The design's own
 * register-to-register paths are untouched, so the Fmax a router reports is the design's
 * (the chains add only one-LUT paths). Clocks and resets stay pins.
 */
public final class SerialPins extends Module {
    public final Bool shiftIn = input(Bool());
    public final Bool shiftEnable = input(Bool());
    public final Bool capture = input(Bool());
    public final Bool shiftOut = output(Bool());
    private final String name;

    public SerialPins(Module design) {
        this.name = "SerialPins_" + design.moduleName();
        instance("dut", design);
        List<Bits> inputs = new ArrayList<>();
        List<Bits> outputs = new ArrayList<>();
        for (Signal p : design.ports()) {
            if (p.role() != Signal.Role.DATA) {
                continue;
            }
            (p.kind() == Signal.Kind.INPUT ? inputs : outputs).add(p.value());
        }
        int inBits = inputs.stream().mapToInt(Bits::width).sum();
        int outBits = outputs.stream().mapToInt(Bits::width).sum();
        param("INPUT_BITS", inBits);
        param("OUTPUT_BITS", outBits);

        if (inBits > 0) {
            UInt chain = reg("input_chain", UInt(inBits));
            when(shiftEnable, () -> sync(chain, inBits == 1 ? shiftIn : cat(chain.bits(inBits - 2, 0), shiftIn)));
            int hi = inBits - 1;
            for (Bits in : inputs) {
                UInt slice = chain.bits(hi, hi - in.width() + 1);
                comb(in, in.signed() ? slice.asSInt() : slice);
                hi -= in.width();
            }
        } else {
            unused(shiftIn);
        }
        UInt all = outputs.isEmpty() ? lit(0, 1) : cat(outputs.toArray(Bits[]::new));
        int width = all.width();
        UInt chain = reg("output_chain", UInt(width));
        when(capture, () -> sync(chain, all))
                .elseWhen(shiftEnable, () -> sync(chain, width == 1 ? chain : cat(chain.bits(width - 2, 0), lit(0, 1))));
        comb(shiftOut, chain.msb());
    }

    @Override
    public String moduleName() {
        return name;
    }
}
