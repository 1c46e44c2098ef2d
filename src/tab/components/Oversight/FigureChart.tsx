/**
 * One figure table drawn with Fluent UI v9's charts (`@fluentui/react-charts`), which take the Teams
 * theme from the FluentProvider. The chart is one way of reading the figure: the same numbers are in the
 * table beside it and in a sentence, and every series is named in the legend, so colour is never the
 * only signal.
 */
import {
  DonutChart,
  GroupedVerticalBarChart,
  HorizontalBarChartWithAxis,
  LineChart,
  VerticalStackedBarChart,
} from '@fluentui/react-charts';
import { cellValue, type FigureTable } from '../../../domain/oversightTables';

const SCREEN = { suppress: false };

function valueOf(t: FigureTable, row: number, col: number): number | null {
  const cell = t.rows[row]?.cells[col];
  return cell === undefined ? null : cellValue(cell, SCREEN);
}

export function FigureChart({ table, width }: { table: FigureTable; width: number }) {
  const series = table.columns.slice(1);
  const height = 260;
  if (table.rows.length === 0) return null;

  if (table.chart === 'donut') {
    return (
      <DonutChart
        data={{
          chartTitle: table.title,
          chartData: table.rows.map((r, i) => ({ legend: r.label, data: valueOf(table, i, 0) ?? 0 })),
        }}
        innerRadius={45}
        width={Math.min(width, 360)}
        height={220}
        hideLabels={false}
        valueInsideDonut={String(table.rows.reduce((n, _r, i) => n + (valueOf(table, i, 0) ?? 0), 0))}
      />
    );
  }

  if (table.chart === 'line') {
    return (
      <LineChart
        data={{
          chartTitle: table.title,
          lineChartData: series.map((legend, col) => ({
            legend,
            data: table.rows.flatMap((r, i) => {
              const y = valueOf(table, i, col);
              return y === null || r.date === undefined ? [] : [{ x: new Date(`${r.date}T12:00:00Z`), y }];
            }),
          })),
        }}
        width={width}
        height={height}
      />
    );
  }

  if (table.chart === 'stacked') {
    return (
      <VerticalStackedBarChart
        chartTitle={table.title}
        data={table.rows.map((r, i) => ({
          xAxisPoint: r.label,
          chartData: series.map((legend, col) => ({ legend, data: valueOf(table, i, col) ?? 0 })),
        }))}
        width={width}
        height={height}
        barWidth="auto"
      />
    );
  }

  // A bar chart: one series as horizontal bars (long labels read well), several as grouped columns.
  if (series.length === 1) {
    return (
      <HorizontalBarChartWithAxis
        chartTitle={table.title}
        data={table.rows.map((r, i) => ({ x: valueOf(table, i, 0) ?? 0, y: r.label, legend: r.label }))}
        width={width}
        height={Math.max(160, 34 * table.rows.length + 60)}
        hideLegend
        yAxisPadding={0.3}
      />
    );
  }
  return (
    <GroupedVerticalBarChart
      chartTitle={table.title}
      data={table.rows.map((r, i) => ({
        name: r.label,
        series: series.map((legend, col) => ({
          key: `${i}-${col}`,
          legend,
          data: valueOf(table, i, col) ?? 0,
        })),
      }))}
      width={width}
      height={height}
    />
  );
}
