package org.homanic.cli;

import org.homanic.protocol.decode.DecodedPacket;
import org.homanic.protocol.decode.PacketDecoder;
import org.homanic.protocol.pcap.PcapReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./homa decode}: prints the fields of Homa packets given as hex or in a pcap file. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode Homa packets: every header field, and whether a receiver would accept the packet "
                + "(with the reason when not).",
                "Each HEX argument is one packet. It may start at the Homa header (as the kernel test vectors do) or be a "
                + "whole Ethernet frame; which one was detected is printed (input: homa header / ethernet frame). "
                + "Spaces, colons and a 0x prefix are allowed inside a quoted argument."},
        footer = {"", "Examples:",
                "  ./homa decode 1234abcd1020304011223311504256789abcb97d01020304050607081122334407",
                "  ./homa decode --pcap capture.pcap --json"})
public final class DecodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HEX", arity = "0..*", description = "Packets as hex, one per argument.")
    List<String> hex = new ArrayList<>();

    @Option(names = "--pcap", paramLabel = "FILE", description = "Decode every frame of this pcap file (Ethernet link type).")
    Path pcap;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout instead of text.")
    boolean json;

    @Option(names = "--input", paramLabel = "KIND", defaultValue = "auto",
            description = "How to read HEX: auto (default), frame or homa.")
    String input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (hex.isEmpty() == (pcap == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give HEX arguments or --pcap FILE (one of the two)");
        }
        if (!List.of("auto", "frame", "homa").contains(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input must be auto, frame or homa, not '" + input + "'");
        }
        PacketDecoder decoder = new PacketDecoder();
        List<Map<String, Object>> packets = new ArrayList<>();
        List<DecodedPacket> decoded = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        if (pcap != null) {
            for (PcapReader.Frame f : readPcap(pcap)) {
                decoded.add(decoder.decodeFrame(f.bytes()));
                times.add(f.timeNanos());
            }
        } else {
            for (int i = 0; i < hex.size(); i++) {
                byte[] bytes;
                try {
                    bytes = PacketDecoder.parseHex(hex.get(i));
                } catch (IllegalArgumentException e) {
                    throw new CliException("HEX argument " + (i + 1) + ": " + e.getMessage());
                }
                decoded.add(switch (input) {
                    case "frame" -> decoder.decodeFrame(bytes);
                    case "homa" -> decoder.decodeHoma(bytes);
                    default -> decoder.decode(bytes);
                });
                times.add(null);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            for (int i = 0; i < decoded.size(); i++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("index", i + 1);
                if (times.get(i) != null) p.put("time_ns", times.get(i));
                p.putAll(decoded.get(i).toJsonTree());
                packets.add(p);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("source", pcap != null ? "pcap" : "hex");
            if (pcap != null) root.put("file", pcap.toString());
            root.put("count", packets.size());
            root.put("accepted", decoded.stream().filter(DecodedPacket::accepted).count());
            root.put("packets", packets);
            out.println(JsonReport.of(root));
        } else {
            for (int i = 0; i < decoded.size(); i++) {
                String when = times.get(i) == null ? "" : String.format(" at %.9f s", times.get(i) / 1e9);
                List<String> lines = decoded.get(i).toText();
                out.println("packet " + (i + 1) + when + ": " + lines.getFirst());
                lines.subList(1, lines.size()).forEach(out::println);
            }
            if (decoded.isEmpty()) out.println("no packets in " + pcap);
        }
        out.flush();
        return 0;
    }

    private static List<PcapReader.Frame> readPcap(Path file) {
        if (!Files.exists(file)) throw new CliException("no such file: " + file);
        if (Files.isDirectory(file)) throw new CliException(file + " is a directory, not a pcap file");
        try (PcapReader r = new PcapReader(file)) {
            return r.readAll();
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException(e.getMessage() == null ? "cannot read " + file : e.getMessage());
        }
    }
}
