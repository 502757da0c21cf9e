package org.homanic.testbench.junit;

import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;

/**
 * Declares the design a test class (or one test method, which then overrides its class) runs
 * on, and turns on {@link SimulationExtension}: test methods may then take a
 * {@link org.homanic.testbench.Simulator} (a fresh instance, closed after the test, with a
 * waveform that is kept if the test fails) and a {@link Seed} parameter.
 *
 * <pre>{@code
 * @VerilatorTest(top = "counter", verilog = "counter.v")
 * class CounterTest {
 *     @Test
 *     void counts(Simulator sim, Seed seed) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(SimulationExtension.class)
public @interface VerilatorTest {

    /** The top module; not needed with {@link #design()}. */
    String top() default "";

    /** Verilog class-path resources, relative to the test class's package unless they start with '/'. */
    String[] verilog() default {};

    /**
     * A class with a public no-argument constructor that supplies the design, for designs that
     * are generated (from the hdl) rather than written: used instead of {@link #top()} and
     * {@link #verilog()}.
     */
    Class<? extends Supplier<VerilogDesign>> design() default NoDesignSupplier.class;

    /** Extra Verilator arguments (part of the build's cache key). */
    String[] verilatorArgs() default {};

    /** When a waveform is written and kept. */
    Waves waves() default Waves.KEEP_ON_FAILURE;

    /** The default of {@link #design()}: no supplier. */
    final class NoDesignSupplier implements Supplier<VerilogDesign> {
        @Override
        public VerilogDesign get() {
            throw new IllegalStateException("@VerilatorTest names no design: give top and verilog, or design");
        }
    }
}
