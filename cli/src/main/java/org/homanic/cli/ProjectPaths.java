package org.homanic.cli;

import java.nio.file.Path;

/** Where the project lives and where commands put what they make. */
final class ProjectPaths {
    private ProjectPaths() {}

    /** The project root: set by the launcher, else the working directory. */
    static Path root() {
        String root = System.getProperty("homa.root");
        return Path.of(root != null ? root : ".").toAbsolutePath().normalize();
    }

    /** Default output folder for a command: {@code <root>/homa-out/<name>}. */
    static Path output(String name) {
        return root().resolve("homa-out").resolve(name);
    }
}
