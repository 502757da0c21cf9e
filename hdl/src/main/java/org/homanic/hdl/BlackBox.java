package org.homanic.hdl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An external Verilog module or vendor primitive: declare its ports with {@code input} and
 * {@code output} exactly as the external module names them, give Verilog parameters with
 * {@link #verilogParameter}, and instantiate it like any module. It has no body here; its
 * Verilog comes from elsewhere (a vendor library, or {@link #verilogSource()} for simulation).
 */
public abstract class BlackBox extends Module {
    private final Map<String, Object> verilogParameters = new LinkedHashMap<>();

    /** Sets a Verilog parameter of the instance: strings are quoted, numbers written as is. */
    protected final void verilogParameter(String name, Object value) {
        if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
            throw new HdlException(SourceLocation.here(), "black-box parameter '" + name
                    + "' must be a String, Integer or Long, not " + value);
        }
        verilogParameters.put(name, value);
    }

    public final Map<String, Object> verilogParameters() {
        return Collections.unmodifiableMap(verilogParameters);
    }

    /** The Verilog of the module, when the project has it (for lint and simulation); null for vendor primitives. */
    public String verilogSource() {
        return null;
    }
}
