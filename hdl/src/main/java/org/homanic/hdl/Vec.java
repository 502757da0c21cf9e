package org.homanic.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A fixed-size array of hardware values of one shape, with constant and dynamic indexing.
 * Elements are named {@code <name>_0}, {@code <name>_1}, ….
 */
public final class Vec<T extends Data> implements Data {
    private final List<T> elements;
    private final IntFunction<T> type;

    /** {@code size} elements, each a fresh value made by {@code type} (called with the index). */
    public Vec(int size, IntFunction<T> type) {
        if (size < 1) {
            throw new HdlException(SourceLocation.here(), "a Vec needs at least one element, not " + size);
        }
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(type.apply(i));
        }
        this.elements = Collections.unmodifiableList(list);
        this.type = type;
        int width = elements.getFirst().width();
        for (T e : elements) {
            if (e.width() != width) {
                throw new HdlException(SourceLocation.here(), "Vec elements must all have one shape");
            }
        }
    }

    public int size() {
        return elements.size();
    }

    public T get(int index) {
        return elements.get(index);
    }

    public List<T> elements() {
        return elements;
    }

    @Override
    public void collectLeaves(List<Leaf> out, boolean flipped, String path) {
        for (int i = 0; i < elements.size(); i++) {
            elements.get(i).collectLeaves(out, flipped, Data.join(path, Integer.toString(i)));
        }
    }

    /** The element chosen by a signal (a multiplexer); an index past the end reads element 0. */
    public T read(UInt index) {
        T result = type.apply(0);
        List<Leaf> resultLeaves = result.leaves();
        List<List<Leaf>> elementLeaves = new ArrayList<>();
        for (T e : elements) {
            elementLeaves.add(e.leaves());
        }
        for (int leaf = 0; leaf < resultLeaves.size(); leaf++) {
            Bits target = resultLeaves.get(leaf).bits();
            List<Node> args = new ArrayList<>();
            args.add(index.node());
            for (List<Leaf> el : elementLeaves) {
                args.add(el.get(leaf).bits().node());
            }
            target.bind(new OpNode(Op.INDEX, target.width(), target.signed(), args, SourceLocation.here()));
        }
        return result;
    }

    /** The element chosen by a signal as the target of an assignment: {@code comb(v.at(i), x)}. */
    public Element<T> at(UInt index) {
        return new Element<>(this, index);
    }

    /** A dynamically indexed element to assign to; the assignment becomes a switch on the index. */
    public record Element<T extends Data>(Vec<T> vec, UInt index) {}
}
