package org.homanic.cli;

import org.homanic.rtl.nic.sim.NetworkSimulation;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The p99 slowdown per request size bucket as a PNG line chart (Java2D, headless). */
final class SlowdownPlot {
    private SlowdownPlot() {}

    private static final Color[] COLORS = {new Color(0x1F77B4), new Color(0xD62728)};

    /** One line per report (NIC offload, baseline); y on a log scale. */
    static void write(Path file, String title, List<NetworkSimulation.Report> reports) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900, h = 540, left = 90, right = 30, top = 60, bottom = 80;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        List<NetworkSimulation.Bucket> buckets = reports.getFirst().buckets();
        int n = buckets.size();
        double max = 2;
        for (NetworkSimulation.Report r : reports) {
            for (NetworkSimulation.Bucket b : r.buckets()) if (!Double.isNaN(b.p99Slowdown())) max = Math.max(max, b.p99Slowdown());
        }
        double logMax = Math.ceil(Math.log10(max) * 2) / 2;
        int plotW = w - left - right, plotH = h - top - bottom;
        // Axes and grid: slowdown 1 at the bottom, log scale.
        g.setColor(new Color(0xDDDDDD));
        for (double v = 1; v <= Math.pow(10, logMax) * 1.001; v *= 10) {
            for (int k = 1; k < 10 && v * k <= Math.pow(10, logMax) * 1.001; k++) {
                int y = top + plotH - (int) Math.round(plotH * Math.log10(v * k) / logMax);
                g.drawLine(left, y, left + plotW, y);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        for (double v = 1; v <= Math.pow(10, logMax) * 1.001; v *= 10) {
            for (int k = 1; k < 10 && v * k <= Math.pow(10, logMax) * 1.001; k++) {
                if (k != 1 && logMax > 1.5 && k != 2 && k != 5) continue;
                int y = top + plotH - (int) Math.round(plotH * Math.log10(v * k) / logMax);
                g.drawString(String.format(Locale.ROOT, "%.0f", v * k), left - 40, y + 4);
            }
        }
        g.drawString("p99 slowdown (log)", 10, top - 10);
        for (int i = 0; i < n; i++) {
            int x = left + (int) Math.round(plotW * (i + 0.5) / n);
            g.drawLine(x, top + plotH, x, top + plotH + 5);
            String label = buckets.get(i).name();
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + plotH + 20);
        }
        g.drawString("request size", left + plotW / 2 - 35, top + plotH + 45);

        for (int ri = 0; ri < reports.size(); ri++) {
            NetworkSimulation.Report r = reports.get(ri);
            g.setColor(COLORS[ri % COLORS.length]);
            g.setStroke(new BasicStroke(2.5f));
            int px = -1, py = -1;
            for (int i = 0; i < n; i++) {
                double v = r.buckets().get(i).p99Slowdown();
                if (Double.isNaN(v)) { px = -1; continue; }
                int x = left + (int) Math.round(plotW * (i + 0.5) / n);
                int y = top + plotH - (int) Math.round(plotH * Math.log10(Math.max(1, v)) / logMax);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) g.drawLine(px, py, x, y);
                px = x;
                py = y;
            }
            String name = r.offload() ? "NIC offload (priorities, NIC grants)" : "baseline (no priorities, host grants, FIFO)";
            g.fillRect(left + 20, top + 15 + 20 * ri, 20, 4);
            g.drawString(name, left + 48, top + 21 + 20 * ri);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
