package org.homanic.protocol.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** docs/protocol.md shows the layouts exactly as declared (its tables are {@link HeaderLayout#markdownTable} output). */
class LayoutDocsTest {

    /** Each layout the doc shows, with the first offset it lists (type headers skip the common part). */
    static List<Object[]> documented() {
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] {HomaHeaders.COMMON, 0});
        for (PacketType t : PacketType.values()) {
            if (t.minLength() > HomaHeaders.COMMON.size()) l.add(new Object[] {t.layout(), HomaHeaders.COMMON.size()});
        }
        for (HeaderLayout h : List.of(NetHeaders.ETHERNET, NetHeaders.VLAN, NetHeaders.IPV4, NetHeaders.IPV6, NetHeaders.TCP_HIJACK)) {
            l.add(new Object[] {h, 0});
        }
        return l;
    }

    @Test
    void docsShowTheDeclaredLayouts() throws IOException {
        Path doc = repoRoot().resolve("docs/protocol.md");
        String text = Files.readString(doc);
        for (Object[] d : documented()) {
            HeaderLayout h = (HeaderLayout) d[0];
            String table = h.markdownTable((int) d[1]);
            if (!text.contains(table)) {
                fail(doc + " does not hold the current table of " + h.name() + "; it should read:\n" + table);
            }
        }
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/protocol.md"))) return p;
            if (Files.isRegularFile(p.resolve("homa")) && Files.isDirectory(p.resolve("protocol"))) {
                fail("docs/protocol.md is missing under " + p);
            }
        }
        throw new AssertionError("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }

    @Test
    void tablesNameEveryField() {
        String t = NetHeaders.VLAN.markdownTable(0);
        assertTrue(t.contains("| 0 | 3 bits (bits 15..13 of 2 B) | `pcp` |"), t);
        assertTrue(HomaHeaders.GRANT.markdownTable(28).contains("| 32 | 1 | `priority` |"));
    }
}
