package org.homanic.hdl;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a module body, in the order the designer wrote them: assignments,
 * memory writes, and the conditionals that nest them. Later assignments win.
 */
public sealed interface Stmt {

    SourceLocation location();

    /** {@code target = value} (combinational, domain null) or {@code target <= value} in a domain. */
    record Assign(Signal target, Node value, ClockDomain domain, SourceLocation location) implements Stmt {}

    /** {@code mem[address] <= data} in a domain. */
    record MemWrite(Mem mem, Node address, Node data, ClockDomain domain, SourceLocation location) implements Stmt {}

    /** A list of statements. */
    final class Block {
        private final List<Stmt> statements = new ArrayList<>();

        public List<Stmt> statements() {
            return statements;
        }

        void add(Stmt s) {
            statements.add(s);
        }

        Stmt last() {
            return statements.isEmpty() ? null : statements.getLast();
        }
    }

    /** {@code if / else if / else}. */
    final class When implements Stmt {
        public record Branch(Node condition, Block body) {}

        private final List<Branch> branches = new ArrayList<>();
        private Block otherwise;
        private final SourceLocation location;

        When(SourceLocation location) {
            this.location = location;
        }

        public List<Branch> branches() {
            return branches;
        }

        /** The else branch, or null. */
        public Block otherwise() {
            return otherwise;
        }

        void setOtherwise(Block b) {
            otherwise = b;
        }

        @Override
        public SourceLocation location() {
            return location;
        }
    }

    /** {@code case (subject)} with constant items and an optional default. */
    final class Switch implements Stmt {
        public record Case(List<ConstNode> values, Block body) {}

        private final Node subject;
        private final List<Case> cases = new ArrayList<>();
        private Block otherwise;
        private final SourceLocation location;

        Switch(Node subject, SourceLocation location) {
            this.subject = subject;
            this.location = location;
        }

        public Node subject() {
            return subject;
        }

        public List<Case> cases() {
            return cases;
        }

        public Block otherwise() {
            return otherwise;
        }

        void setOtherwise(Block b) {
            otherwise = b;
        }

        @Override
        public SourceLocation location() {
            return location;
        }
    }
}
