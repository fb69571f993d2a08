package textgen.gui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;

class LossChartDecimationTest {

    @Test
    void keepsTheExtremesOfEachBucketInOrderAndBoundsThePointCount() {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            double y = 3 - i / 5000.0 + (i == 4321 ? 5 : 0) - (i == 7777 ? 2 : 0);
            points.add(new double[] {i / 1000.0, y});
        }
        List<XYChart.Data<Number, Number>> decimated = LossChart.decimate(points, 300);
        assertTrue(decimated.size() <= 600, "at most two points per bucket: " + decimated.size());
        double max = decimated.stream().mapToDouble(d -> d.getYValue().doubleValue()).max().orElseThrow();
        double min = decimated.stream().mapToDouble(d -> d.getYValue().doubleValue()).min().orElseThrow();
        assertEquals(3 - 4321 / 5000.0 + 5, max, 1e-12, "a spike survives decimation");
        assertEquals(3 - 7777 / 5000.0 - 2, min, 1e-12, "a dip survives decimation");
        for (int i = 1; i < decimated.size(); i++) {
            assertTrue(decimated.get(i).getXValue().doubleValue() > decimated.get(i - 1).getXValue().doubleValue(), "x increases");
        }
    }

    @Test
    void fewPointsAreKeptAsTheyAre() {
        List<double[]> points = List.of(new double[] {0, 1}, new double[] {1, 2}, new double[] {2, 0.5});
        assertEquals(3, LossChart.decimate(points, 10).size());
    }
}
