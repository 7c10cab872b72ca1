package dev.animerec.ml.evaluation;

import dev.animerec.ml.common.MlHome;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Metric-at-K curves, one line per model, as PNG. */
final class Plots {

    private Plots() {
    }

    static void curves(MlHome home, String path, String title, String metric, int[] cutoffs,
                       Map<String, double[]> curves) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, values) -> {
            XYSeries series = new XYSeries(name);
            for (int c = 0; c < cutoffs.length; c++) {
                series.add(cutoffs[c], values[c]);
            }
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "K", metric, data, PlotOrientation.VERTICAL,
                true, false, false);
        try (OutputStream out = home.create(path)) {
            ChartUtils.writeChartAsPNG(out, chart, 800, 500);
        }
    }
}
