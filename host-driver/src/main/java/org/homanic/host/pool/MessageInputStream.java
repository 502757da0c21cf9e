package org.homanic.host.pool;

import java.io.InputStream;
import java.lang.foreign.MemorySegment;

/** Reads a pooled message in order without copying it first. */
final class MessageInputStream extends InputStream {
    private final MessageBuffer buffer;
    private long position;

    MessageInputStream(MessageBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public int read() {
        return position < buffer.length() ? buffer.get(position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        long left = buffer.length() - position;
        if (left <= 0) return -1;
        int n = (int) Math.min(len, left);
        buffer.copyTo(position, MemorySegment.ofArray(b), off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, buffer.length() - position));
        position += k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, buffer.length() - position);
    }
}
