package org.homanic.hdl.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Place and route of an iCE40 netlist with nextpnr-ice40, for a real maximum clock frequency. */
public final class Nextpnr {
    private Nextpnr() {}

    /** The result: the highest Fmax nextpnr reports over the design's clocks, in MHz, and its log. */
    public record Result(double fmaxMhz, ToolRun run) {}

    private static final Pattern FMAX = Pattern.compile("Max frequency for clock\\s+'[^']*':\\s+([0-9.]+) MHz");

    /**
     * Places and routes {@code netlist} (from {@code synth_ice40}) on an HX8K in its largest
     * package; pins are placed freely. Fails when the design needs more pins or cells than the
     * device has.
     */
    public static Result ice40(Path netlist) throws IOException {
        Path dir = netlist.getParent();
        ToolRun run = ToolRun.run(dir, List.of("nextpnr-ice40", "--hx8k", "--package", "ct256", "--json",
                netlist.getFileName().toString(), "--pcf-allow-unconstrained", "--freq", "100", "--seed", "1",
                "--asc", "design.asc"), 1800);
        if (!run.ok()) {
            String log = run.output();
            throw new IOException("nextpnr-ice40 failed: " + log.substring(Math.max(0, log.length() - 1500)));
        }
        Matcher m = FMAX.matcher(run.output());
        double last = Double.NaN;
        while (m.find()) {
            // nextpnr prints the estimate before routing, then the routed figure: keep the last.
            last = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IOException("nextpnr-ice40 reported no clock frequency (is the design purely combinational?)");
        }
        return new Result(last, run);
    }
}
