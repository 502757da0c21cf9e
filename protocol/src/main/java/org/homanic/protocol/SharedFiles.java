package org.homanic.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the project's external data folder {@code shared/} (spec, test vectors, workloads),
 * which lives beside the repository root rather than inside it. Looked for, in order: the
 * {@code homa.shared} system property, then a {@code shared} folder beside each ancestor of
 * {@code homa.root} (set by the ./homa launcher) and of the working directory.
 */
public final class SharedFiles {
    private SharedFiles() {}

    /** {@code shared/<relative>}; throws with every place looked at when it is missing. */
    public static Path resolve(String relative) {
        List<Path> tried = new ArrayList<>();
        String explicit = System.getProperty("homa.shared");
        if (explicit != null) {
            Path p = Path.of(explicit).resolve(relative);
            if (Files.exists(p)) return p;
            tried.add(p);
        }
        for (String start : new String[] {System.getProperty("homa.root"), System.getProperty("user.dir")}) {
            if (start == null) continue;
            for (Path dir = Path.of(start).toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path p = dir.resolve("shared").resolve(relative);
                if (Files.exists(p)) return p;
                tried.add(p);
            }
        }
        throw new IllegalStateException("cannot find shared/" + relative
                + " (the shared/ folder belongs beside the repository root, e.g. ../shared from the root;"
                + " or set -Dhoma.shared=DIR). Looked at: " + tried);
    }
}
