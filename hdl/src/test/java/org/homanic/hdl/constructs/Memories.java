package org.homanic.hdl.constructs;

import org.homanic.hdl.Bool;
import org.homanic.hdl.Mem;
import org.homanic.hdl.Module;
import org.homanic.hdl.UInt;

import static org.homanic.hdl.Hdl.*;

/**
 * A block RAM (synchronous read) and a register file (asynchronous read, initialized from a
 * Java array), each with one write port.
 */
public final class Memories extends Module {
    final Bool writeEnable = input(Bool());
    final UInt writeAddress;
    final UInt writeData;
    final UInt readAddress;
    final Bool readEnable = input(Bool());
    final UInt blockRead;
    final UInt fileAddress = input(UInt(4));
    final UInt fileRead = output(UInt(8));

    public Memories(int depth, int width) {
        int aw = clog2(depth);
        writeAddress = input(UInt(aw));
        writeData = input(UInt(width));
        readAddress = input(UInt(aw));
        blockRead = output(UInt(width));

        Mem ram = mem("ram", width, depth);
        when(writeEnable, () -> ram.write(writeAddress, writeData));
        comb(blockRead, ram.readSync("ram_word", readAddress, readEnable));

        long[] squares = new long[16];
        for (int i = 0; i < 16; i++) {
            squares[i] = (long) i * i;
        }
        Mem table = mem("squares", 8, 16, squares);
        when(writeEnable, () -> table.write(writeAddress.resize(4), writeData.resize(8)));
        comb(fileRead, table.read(fileAddress));
        if (aw > 4) {
            unused(writeAddress.bits(aw - 1, 4));
        }
        if (width > 8) {
            unused(writeData.bits(width - 1, 8));
        }
    }
}
