package org.homanic.testbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The per-user directory of built models, one sub-directory per content hash. An entry is built
 * in a private temporary directory and renamed into place, so readers never see half of one; a
 * file lock (between JVMs) and a monitor (between threads of one JVM) make concurrent builders
 * of the same entry wait for the first instead of building twice.
 */
final class ModelCache {

    /** Files that exist in every finished entry; written last, before the rename. */
    static final String COMPLETE_MARKER = "ports.tsv";

    private static final Map<String, Object> IN_JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    ModelCache(Path root) {
        this.root = root;
    }

    /** {@code $HOMA_CACHE}, else {@code ${XDG_CACHE_HOME:-~/.cache}/homa/verilator}. */
    static ModelCache userDefault() {
        String explicit = System.getenv("HOMA_CACHE");
        if (explicit == null || explicit.isBlank()) explicit = System.getProperty("homa.cache");
        if (explicit != null && !explicit.isBlank()) return new ModelCache(Path.of(explicit));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ModelCache(base.resolve("homa").resolve("verilator"));
    }

    Path root() {
        return root;
    }

    /** Something that fills a fresh directory with a complete cache entry. */
    interface EntryBuilder {
        void build(Path directory) throws IOException;
    }

    /** The entry for {@code key}, building it first when it does not exist yet. */
    @SuppressWarnings("try") // the lock is held by the try block, not used in it
    Path getOrBuild(String key, EntryBuilder builder) {
        Path entry = root.resolve(key);
        if (isComplete(entry)) return entry;
        Object monitor = IN_JVM_LOCKS.computeIfAbsent(key, k -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(root.resolve("locks"));
                try (FileChannel lockFile = FileChannel.open(root.resolve("locks").resolve(key + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    if (isComplete(entry)) return entry;
                    Path temp = Files.createTempDirectory(root, ".building-" + key + "-");
                    try {
                        builder.build(temp);
                        if (!isComplete(temp)) throw new IllegalStateException("build left no " + COMPLETE_MARKER);
                        moveIntoPlace(temp, entry);
                    } finally {
                        deleteTree(temp);
                    }
                    return entry;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("model cache " + root + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isComplete(Path entry) {
        return Files.isRegularFile(entry.resolve(COMPLETE_MARKER));
    }

    private static void moveIntoPlace(Path temp, Path entry) throws IOException {
        if (Files.exists(entry)) {
            // A broken leftover (no marker): nobody can be using it, since loads need the marker.
            deleteTree(entry);
        }
        try {
            Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!isComplete(entry)) throw e;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A short, file-name-safe SHA-256 digest of the given parts (each length-prefixed, so they cannot run together). */
    static String hash(Iterable<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
