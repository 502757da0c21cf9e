package org.homanic.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.homanic.protocol.SharedFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** The kernel-generated fixture file shared/testdata/homa-wire-fixtures.json, read at run time. */
final class WireFixtures {
    private static JsonNode root;

    private WireFixtures() {}

    static synchronized JsonNode root() {
        if (root == null) {
            try {
                root = new ObjectMapper().readTree(SharedFiles.resolve("testdata/homa-wire-fixtures.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static byte[] packet(String type) {
        JsonNode hex = root().path("packets").path(type);
        if (!hex.isTextual()) throw new IllegalStateException("fixture file has no example packet for " + type);
        return HexFormat.of().parseHex(hex.asText());
    }
}
