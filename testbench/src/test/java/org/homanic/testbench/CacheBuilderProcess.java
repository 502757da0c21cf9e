package org.homanic.testbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second JVM for {@link ModelCacheTest}: builds cache entry {@code args[1]} in cache {@code args[0]},
 * appending a line to {@code args[2]} each time its builder actually runs.
 */
final class CacheBuilderProcess {
    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[2]);
        new ModelCache(Path.of(args[0])).getOrBuild(args[1], dir -> {
            Files.writeString(log, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            try {
                Thread.sleep(1500); // the other JVM arrives while this one builds
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            Files.writeString(dir.resolve(ModelCache.COMPLETE_MARKER), "");
        });
    }
}
