package org.homanic.rtl.grant.sim;

import org.homanic.protocol.rx.Reassembly;

/** Public view of the traffic generator's reassembly prediction, for unit tests. */
public final class GrantTrafficAccess {
    private GrantTrafficAccess() {}

    /** Would the packet open a new gap or split one (Reassembly's NEW_GAP or GAP_SPLIT)? */
    public static boolean needsGap(Reassembly r, long offset, long payload) {
        return GrantTraffic.needsGap(r, offset, payload);
    }
}
