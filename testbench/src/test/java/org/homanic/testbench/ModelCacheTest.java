package org.homanic.testbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCacheTest {

    @Test
    void buildsOnceAndThenReusesTheEntry(@TempDir Path root) {
        ModelCache cache = new ModelCache(root);
        AtomicInteger builds = new AtomicInteger();
        ModelCache.EntryBuilder builder = dir -> {
            builds.incrementAndGet();
            Files.writeString(dir.resolve(ModelCache.COMPLETE_MARKER), "x");
        };
        Path first = cache.getOrBuild("k", builder);
        Path second = cache.getOrBuild("k", builder);
        assertEquals(first, second);
        assertEquals(1, builds.get());
        assertEquals(root.resolve("k"), first);
    }

    @Test
    void concurrentRequestsWaitForOneBuild(@TempDir Path root) throws Exception {
        ModelCache cache = new ModelCache(root);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.getOrBuild("shared", dir -> {
                        builds.incrementAndGet();
                        try {
                            Thread.sleep(200); // long enough for the others to arrive while building
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                        Files.writeString(dir.resolve(ModelCache.COMPLETE_MARKER), "x");
                    });
                }));
            }
            start.countDown();
            for (Future<Path> f : results) assertEquals(root.resolve("shared"), f.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, builds.get());
    }

    @Test
    void twoJvmsBuildingOneEntryBuildItOnce(@TempDir Path root) throws Exception {
        Path log = root.resolve("builds.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jvms.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheBuilderProcess.class.getName(),
                    root.resolve("cache").toString(), "entry", log.toString()).inheritIO().start());
        }
        for (Process p : jvms) assertEquals(0, p.waitFor(), "builder JVM exit status");
        assertEquals(1, Files.readAllLines(log).size(), "exactly one JVM ran the build");
        assertTrue(Files.exists(root.resolve("cache").resolve("entry").resolve(ModelCache.COMPLETE_MARKER)));
    }

    @Test
    void aFailedBuildLeavesNothingBehindAndIsRetried(@TempDir Path root) throws Exception {
        ModelCache cache = new ModelCache(root);
        assertThrows(ModelBuildException.class, () -> cache.getOrBuild("k", dir -> {
            Files.writeString(dir.resolve("half"), "");
            throw new ModelBuildException("compiler said no");
        }));
        assertFalse(Files.exists(root.resolve("k")));
        try (var leftovers = Files.list(root)) {
            assertTrue(leftovers.allMatch(p -> p.getFileName().toString().equals("locks")), "no temporary build directories left");
        }
        Path entry = cache.getOrBuild("k", dir -> Files.writeString(dir.resolve(ModelCache.COMPLETE_MARKER), ""));
        assertTrue(Files.exists(entry.resolve(ModelCache.COMPLETE_MARKER)));
    }

    @Test
    void keysDependOnEveryPartAndTheirBoundaries() {
        assertEquals(ModelCache.hash(List.of("a", "b")), ModelCache.hash(List.of("a", "b")));
        assertNotEquals(ModelCache.hash(List.of("a", "b")), ModelCache.hash(List.of("ab", "")));
        assertNotEquals(ModelCache.hash(List.of("a", "b")), ModelCache.hash(List.of("a", "c")));
    }

    @Test
    void theKeyOfADesignChangesWithItsTextAndOptions() {
        ModelBuilder builder = new ModelBuilder(Toolchain.detect(), new ModelCache(Path.of("unused")));
        VerilogDesign d = VerilogDesign.of("m", "m.v", "module m; endmodule\n");
        VerilogDesign changed = VerilogDesign.of("m", "m.v", "module m; endmodule // changed\n");
        assertEquals(builder.key(d, BuildOptions.DEFAULT), builder.key(d, BuildOptions.DEFAULT));
        assertNotEquals(builder.key(d, BuildOptions.DEFAULT), builder.key(changed, BuildOptions.DEFAULT));
        assertNotEquals(builder.key(d, BuildOptions.DEFAULT), builder.key(d, BuildOptions.DEFAULT.withWaveFormat(WaveFormat.VCD)));
        assertNotEquals(builder.key(d, BuildOptions.DEFAULT), builder.key(d, BuildOptions.DEFAULT.withVerilatorArgs("-GX=1")));
    }
}
