package org.homanic.cli;

import org.homanic.hdl.Module;
import org.homanic.hdl.tools.SynthTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Target presets: the classifier's iCE40 defaults, overridden by --set, none on xcup. */
class DesignPresetsTest {

    @Test
    void theClassifierTakesItsSmallPresetOnIce40AndGivenValuesWin() {
        Map<String, String> preset = Designs.preset("classifier", SynthTarget.ICE40);
        assertEquals("64", preset.get("width"));
        assertEquals("1", preset.get("peer_entries"));
        assertTrue(Designs.preset("classifier", SynthTarget.XCUP).isEmpty());

        DesignParams p = DesignParams.parse(List.of("queues=2")).withDefaults(preset);
        assertEquals(2, p.integer("queues", 8, 1, 8), "a --set value beats the preset");
        assertEquals(64, p.integer("width", 512, 64, 1024), "the preset beats the design's default");
        assertEquals(16, p.integer("not_in_preset", 16, 1, 64));
    }

    @Test
    void everyPresetBuildsItsDesign() {
        for (String name : Designs.all().keySet()) {
            Map<String, String> preset = Designs.preset(name, SynthTarget.ICE40);
            if (preset.isEmpty()) continue;
            Module m = Designs.build(name, DesignParams.parse(List.of()).withDefaults(preset));
            assertTrue(m.ports().size() > 0, name);
        }
    }
}
