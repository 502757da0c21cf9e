package org.homanic.host;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LongMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        long seed = 99;
        System.out.println("seed " + seed);
        Random r = new Random(seed);
        LongMap<Long> map = new LongMap<>();
        Map<Long, Long> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long k = r.nextInt(3000) * 2L; // even ids collide in the low bits, as RPC ids do
            if (r.nextInt(3) == 0) assertEquals(reference.remove(k), map.remove(k));
            else {
                reference.put(k, (long) i);
                map.put(k, (long) i);
            }
            long probe = r.nextInt(3000) * 2L;
            assertEquals(reference.get(probe), map.get(probe));
        }
        assertEquals(reference.size(), map.size());
    }
}
