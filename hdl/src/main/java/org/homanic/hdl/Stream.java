package org.homanic.hdl;

import java.util.function.Supplier;

/**
 * A valid/ready stream carrying a payload, SpinalHDL's {@code Stream[T]}: a word moves when
 * {@code valid} and {@code ready} are both high in a cycle ({@link #fire()}). The producer
 * must hold {@code valid} and the payload until the word moves.
 */
public final class Stream<T extends Data> extends Bundle {
    public final Bool valid;
    @Flip
    public final Bool ready;
    public final T payload;
    private final Supplier<T> payloadType;

    /** A stream type whose payload is made by {@code payloadType} (for example {@code () -> UInt(64)}). */
    public Stream(Supplier<T> payloadType) {
        this(Hdl.Bool(), Hdl.Bool(), payloadType.get(), payloadType);
    }

    Stream(Bool valid, Bool ready, T payload, Supplier<T> payloadType) {
        this.valid = valid;
        this.ready = ready;
        this.payload = payload;
        this.payloadType = payloadType;
    }

    /** The same stream seen through existing hardware values (used for views such as {@link Axis#asStream()}). */
    public static <T extends Data> Stream<T> view(Bool valid, Bool ready, T payload, Supplier<T> payloadType) {
        return new Stream<>(valid, ready, payload, payloadType);
    }

    /** A fresh, unbound stream of the same type. */
    public Stream<T> cloneType() {
        return new Stream<>(payloadType);
    }

    public Supplier<T> payloadType() {
        return payloadType;
    }

    /** True in a cycle where a word moves. */
    public Bool fire() {
        return valid.and(ready);
    }
}
