package org.homanic.host;

import org.homanic.host.datapath.FaultModel;
import org.homanic.host.datapath.InMemoryNetwork;
import org.homanic.host.timer.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A receiver whose max_incoming (or fixed grant window) is below one packet's payload could never
 * grant a whole packet and its messages would stall: opening such a stack is refused.
 */
class GrantConfigCheckTest {

    @Test
    void maxIncomingBelowOnePacketIsRefusedWithTheSizes() {
        // MTU 9000: 9000 - 56 header bytes = 8944 payload bytes per DATA packet.
        InMemoryNetwork net = new InMemoryNetwork(new VirtualClock(0), FaultModel.none(), 1, 9000);
        HostConfig small = HostConfig.defaults().withGrants(HostConfig.defaults().grants().withMaxIncoming(5000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HomaStack.open(net.attach(), small, net.clock()));
        assertTrue(e.getMessage().contains("max_incoming 5000") && e.getMessage().contains("8944"), e.getMessage());

        HostConfig window = HostConfig.defaults().withGrants(HostConfig.defaults().grants().withWindow(8943));
        assertThrows(IllegalArgumentException.class, () -> HomaStack.open(net.attach(), window, net.clock()));

        HostConfig onePacket = HostConfig.defaults().withGrants(HostConfig.defaults().grants().withMaxIncoming(8944));
        HomaStack.open(net.attach(), onePacket, net.clock()).close();
    }
}
