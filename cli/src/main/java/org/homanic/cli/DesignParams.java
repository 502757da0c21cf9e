package org.homanic.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameters given on the command line as {@code --set key=value}, read by a design factory
 * with a default for each. Keys the design never asks for are reported as errors, so a typo
 * does not silently build the default design.
 */
final class DesignParams {
    private final Map<String, String> given;
    private final Set<String> asked = new TreeSet<>();

    DesignParams(Map<String, String> given) {
        this.given = new LinkedHashMap<>(given);
    }

    static DesignParams parse(Iterable<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--set needs key=value, not '" + a + "'");
            }
            map.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return new DesignParams(map);
    }

    /** These parameters, with {@code defaults} for the keys not given (a target's preset). */
    DesignParams withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(given);
        return new DesignParams(merged);
    }

    int integer(String key, int defaultValue, int min, int max) {
        asked.add(key);
        String v = given.get(key);
        if (v == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.decode(v);
        } catch (NumberFormatException e) {
            throw new CliException("parameter " + key + " must be an integer, not '" + v + "'");
        }
        if (value < min || value > max) {
            throw new CliException("parameter " + key + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** Call after building: refuses keys the design did not use. */
    void checkAllUsed(String design) {
        for (String k : given.keySet()) {
            if (!asked.contains(k)) {
                throw new CliException("design " + design + " has no parameter '" + k + "'; it takes: " + asked);
            }
        }
    }

    Map<String, String> given() {
        return given;
    }
}
