package org.homanic.rtl.classifier;

import org.homanic.hdl.AxiLite;
import org.homanic.hdl.Axis;
import org.homanic.hdl.Bits;
import org.homanic.hdl.Module;
import org.homanic.hdl.Stream;
import org.homanic.hdl.UInt;
import org.homanic.hdl.Vec;

import static org.homanic.hdl.Hdl.cat;

/**
 * The priority packet classifier: {@link IngressClassifier} (MAC RX → host queues), the
 * {@link EgressClassifier} (host TX → MAC TX) it teaches through GRANT/CUTOFFS learn events,
 * and the {@link CsrBlock} with the counters of both and the egress configuration.
 */
public final class HomaClassifier extends Module {
    public final Axis s_axis_rx;
    public final Vec<Axis> m_axis_host;
    public final Vec<Stream<IngressMeta>> m_meta_host;
    public final Stream<IngressMeta> m_event;
    public final Axis s_axis_host_tx;
    public final Axis s_axis_nic;
    public final Axis m_axis_mac_tx;
    public final AxiLite s_axil;

    public HomaClassifier(IngressClassifier.Params in, EgressClassifier.Params out) {
        if (in.dataWidth() != out.dataWidth()) throw new IllegalArgumentException("one data width for both directions");
        int w = in.dataWidth();
        s_axis_rx = input("s_axis_rx", new Axis(w, 1));
        m_axis_host = output("m_axis_host", new Vec<>(in.queues() + 1, i -> new Axis(w, 1)));
        m_meta_host = output("m_meta_host", new Vec<>(in.queues() + 1, i -> new Stream<>(IngressMeta::new)));
        m_event = output("m_event", new Stream<>(IngressMeta::new));
        s_axis_host_tx = input("s_axis_host_tx", new Axis(w, 4));
        s_axis_nic = input("s_axis_nic", new Axis(w, 1));
        m_axis_mac_tx = output("m_axis_mac_tx", new Axis(w, 4));
        s_axil = input("s_axil", new AxiLite(ClassifierRegisters.ADDRESS_BITS));

        IngressClassifier ingress = instance("ingress", new IngressClassifier(in));
        EgressClassifier egress = instance("egress", new EgressClassifier(out));
        CsrBlock csr = instance("csr", new CsrBlock());
        connect(ingress.s_axis, s_axis_rx);
        for (int q = 0; q <= in.queues(); q++) {
            connect(m_axis_host.get(q), ingress.m_axis.get(q));
            connect(m_meta_host.get(q), ingress.m_meta.get(q));
        }
        connect(m_event, ingress.m_event);
        connect(egress.s_learn, ingress.m_learn);
        connect(egress.s_axis, s_axis_host_tx);
        connect(egress.s_nic, s_axis_nic);
        connect(m_axis_mac_tx, egress.m_axis);
        connect(csr.s_axil, s_axil);

        int n = 0;
        for (int i = 0; i < ingress.counters.size(); i++) comb(csr.counters.get(n++), ingress.counters.get(i));
        for (int i = 0; i < egress.counters.size(); i++) comb(csr.counters.get(n++), egress.counters.get(i));
        UInt map = csr.config.get(ClassifierRegisters.configIndex("priority_map"));
        UInt level = csr.config.get(ClassifierRegisters.configIndex("default_level"));
        UInt hostLimit = csr.config.get(ClassifierRegisters.configIndex("host_queue_limit"));
        UInt levelLimit = csr.config.get(ClassifierRegisters.configIndex("level_queue_limit"));
        comb(egress.cfg_priority_map, map.bits(23, 0));
        comb(egress.cfg_default_level, level.bits(2, 0));
        comb(egress.cfg_unsched_bytes, csr.config.get(ClassifierRegisters.configIndex("unsched_bytes")));
        Bits[] cut = new Bits[7];
        for (int i = 1; i < 8; i++) cut[7 - i] = csr.config.get(ClassifierRegisters.configIndex("default_cutoff_" + i));
        comb(egress.cfg_default_cutoffs, cat(cut));
        comb(ingress.cfg_queue_limit, hostLimit.bits(15, 0));
        comb(egress.cfg_level_limit, levelLimit.bits(15, 0));
        unused(map.bits(31, 24), level.bits(31, 3), hostLimit.bits(31, 16), levelLimit.bits(31, 16));
    }
}
