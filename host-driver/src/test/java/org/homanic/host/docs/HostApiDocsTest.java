package org.homanic.host.docs;

import org.homanic.host.HomaSocket;
import org.homanic.host.HomaStack;
import org.homanic.host.datapath.FaultModel;
import org.homanic.host.datapath.InMemoryNetwork;
import org.homanic.host.timer.Clock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** docs/host-api.md shows these examples verbatim; here they compile and run against each other. */
class HostApiDocsTest {
    private static final Path DOC = Path.of("..", "docs", "host-api.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "org", "homanic", "host", "docs");

    @Test
    void theClientAndServerExamplesTalkToEachOther() throws Exception {
        InMemoryNetwork net = new InMemoryNetwork(Clock.system(), FaultModel.none(), 1, 1480);
        try (HomaStack serverHost = HomaStack.open(net.attach()).start();
             HomaStack clientHost = HomaStack.open(net.attach()).start()) {
            HomaSocket server = ServerExample.startReverser(serverHost);
            assertEquals("olleh amoh", ClientExample.askTwice(clientHost, server.address()));
            server.close();
        }
    }

    @Test
    void theDocShowsTheExamplesAsCompiled() throws IOException {
        String doc = Files.readString(DOC);
        for (String file : new String[] {"ClientExample.java", "ServerExample.java"}) {
            String snippet = example(Files.readString(SOURCES.resolve(file)));
            assertTrue(doc.contains(snippet), "docs/host-api.md must contain the example of " + file + " verbatim:\n" + snippet);
        }
    }

    /** The lines between the example markers, de-indented by four spaces. */
    static String example(String source) {
        String body = source.substring(source.indexOf("// example:start\n") + "// example:start\n".length(),
                source.indexOf("    // example:end"));
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n", -1)) out.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
        return out.toString().stripTrailing();
    }
}
