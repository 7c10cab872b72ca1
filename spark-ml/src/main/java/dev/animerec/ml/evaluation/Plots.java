package dev.animerec.ml.evaluation;

import dev.animerec.ml.common.MlHome;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Metric-at-K curves, one line per model, and a metric with its intervals per model, as PNG. */
public final class Plots {

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

    /** Per model a floating bar over its 95 % interval (which may be asymmetric) and a dot at the estimate. */
    public static void intervals(MlHome home, String path, String title, String metric,
                          Map<String, Bootstrap.Interval> intervals) throws IOException {
        System.setProperty("java.awt.headless", "true");
        String[] names = intervals.keySet().toArray(String[]::new);
        Number[][] lows = new Number[1][names.length];
        Number[][] highs = new Number[1][names.length];
        DefaultCategoryDataset estimates = new DefaultCategoryDataset();
        for (int m = 0; m < names.length; m++) {
            Bootstrap.Interval interval = intervals.get(names[m]);
            lows[0][m] = interval.low();
            highs[0][m] = interval.high();
            estimates.addValue(interval.value(), "estimate", names[m]);
        }
        DefaultIntervalCategoryDataset ranges = new DefaultIntervalCategoryDataset(
                new String[] {"95 % interval"}, names, lows, highs);
        IntervalBarRenderer bars = new IntervalBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.06);
        NumberAxis values = new NumberAxis(metric);
        values.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(ranges, new CategoryAxis("model"), values, bars);
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        plot.setDataset(1, estimates);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        try (OutputStream out = home.create(path)) {
            ChartUtils.writeChartAsPNG(out, chart, 1000, 500);
        }
    }
}
