package org.homanic.testbench.junit;

import org.homanic.hdl.Module;
import org.homanic.testbench.VerilogDesign;

import java.util.function.Supplier;

/**
 * A design written with the hdl, for {@code @VerilatorTest(design = ...)}: subclass it with a
 * no-argument constructor and build the module in {@link #build()}.
 *
 * <pre>{@code
 * static final class Counter8 extends HdlDesign {
 *     protected Module build() { return new Counter(8); }
 * }
 * @Test @VerilatorTest(design = Counter8.class)
 * void counts(Simulator sim, Seed seed) { ... }
 * }</pre>
 */
public abstract class HdlDesign implements Supplier<VerilogDesign> {

    /** A fresh instance of the module to simulate. */
    protected abstract Module build();

    @Override
    public final VerilogDesign get() {
        return VerilogDesign.of(build());
    }
}
