package io.eventbank.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A line chart as SVG, written by hand: log-scaled axes, one polyline per series, a legend. */
final class Chart {

    record Series(String label, String color, boolean dashed, double[] x, double[] y) {
    }

    private static final int WIDTH = 420;
    private static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int RIGHT = 15;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    Chart add(Series line) {
        series.add(line);
        return this;
    }

    /** The chart as an {@code <svg>} element at the given offset, for {@link #page}. */
    String svg(int offsetX) {
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (Series line : series) {
            for (int i = 0; i < line.x().length; i++) {
                if (line.y()[i] > 0 && !Double.isNaN(line.y()[i])) {
                    xMin = Math.min(xMin, line.x()[i]);
                    xMax = Math.max(xMax, line.x()[i]);
                    yMin = Math.min(yMin, line.y()[i]);
                    yMax = Math.max(yMax, line.y()[i]);
                }
            }
        }
        double yLow = Math.pow(10, Math.floor(Math.log10(yMin)));
        double yHigh = Math.pow(10, Math.ceil(Math.log10(yMax)));
        double xLow = xMin;
        double xHigh = xMax;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,0)\">%n", offsetX));
        svg.append(text(WIDTH / 2, 18, title, "middle", 14, "bold"));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (double tick = yLow; tick <= yHigh * 1.001; tick *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double value = tick * m;
                if (value > yHigh * 1.001) {
                    break;
                }
                double y = yPixel(value, yLow, yHigh);
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y,
                        LEFT + plotW, y));
                svg.append(text(LEFT - 5, y + 4, format(value), "end", 11, "normal"));
            }
        }
        for (Series line : series) {
            for (double x : line.x()) {
                double px = xPixel(x, xLow, xHigh);
                svg.append(text(px, TOP + plotH + 16, format(x), "middle", 11, "normal"));
            }
            break;
        }
        svg.append(text(LEFT + plotW / 2.0, HEIGHT - 8, xLabel, "middle", 12, "normal"));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" font-family=\"sans-serif\" "
                        + "transform=\"rotate(-90 14 %d)\">%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, yLabel));
        int legendY = TOP + 14;
        for (Series line : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < line.x().length; i++) {
                if (line.y()[i] > 0 && !Double.isNaN(line.y()[i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", xPixel(line.x()[i], xLow, xHigh),
                            yPixel(line.y()[i], yLow, yHigh)));
                }
            }
            String dash = line.dashed() ? " stroke-dasharray=\"6 4\"" : "";
            svg.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    points.toString().trim(), line.color(), dash));
            for (String point : points.toString().trim().split(" ")) {
                if (!point.isEmpty()) {
                    String[] xy = point.split(",");
                    svg.append(String.format(Locale.ROOT,
                            "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", xy[0], xy[1], line.color()));
                }
            }
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    LEFT + 8, legendY - 4, LEFT + 28, legendY - 4, line.color(), dash));
            svg.append(text(LEFT + 32, legendY, line.label(), "start", 11, "normal"));
            legendY += 15;
        }
        svg.append("</g>\n");
        return svg.toString();
    }

    /** Charts side by side in one SVG document. */
    static String page(Chart... charts) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", WIDTH * charts.length, HEIGHT,
                WIDTH * charts.length, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                WIDTH * charts.length, HEIGHT));
        for (int i = 0; i < charts.length; i++) {
            svg.append(charts[i].svg(i * WIDTH));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double xPixel(double x, double low, double high) {
        int plotW = WIDTH - LEFT - RIGHT;
        double span = Math.log(high) - Math.log(low);
        return LEFT + 20 + (span == 0 ? 0 : (Math.log(x) - Math.log(low)) / span * (plotW - 40));
    }

    private static double yPixel(double y, double low, double high) {
        int plotH = HEIGHT - TOP - BOTTOM;
        return TOP + plotH - (Math.log(y) - Math.log(low)) / (Math.log(high) - Math.log(low)) * plotH;
    }

    private static String format(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%.0fk", value / 1000)
                : value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String text(double x, double y, String content, String anchor, int size, String weight) {
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, weight, anchor, content.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
