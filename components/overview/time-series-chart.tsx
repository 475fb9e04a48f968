'use client';
// A small time-series line chart drawn with uPlot (a maintained, ~50 kB canvas chart library). The
// canvas is described in words for screen readers: the figure's caption and a summary of the values.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { roundScale, type RoundScale } from '@/lib/client/chart-scale';
import { formatChartTime } from '@/lib/client/format';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** Light and dark colours. */
  color: [string, string];
}

const HEIGHT = 180;
const TICK_AND_GAP_PX = 15;

/** Short value labels ("30K", "1.2M"), so the y axis stays narrow on a phone. */
const compactNumber = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * The y axis is as wide as its longest label (uPlot's axis-autosize recipe), so no digit is cut off
 * whatever the values. uPlot keeps an axis's font as [css font, size…] once it is set up.
 */
const fitLongestLabel: uPlot.Axis.Size = (self, values, axisIndex, cycle) => {
  const axis = self.axes[axisIndex] as uPlot.Axis & { _size?: number };
  if (cycle > 1 && axis._size) return axis._size;
  const longest = (values ?? []).reduce(
    (widest, value) => (value.length > widest.length ? value : widest),
    '',
  );
  self.ctx.font = (axis.font as unknown as [string])[0];
  return Math.ceil(TICK_AND_GAP_PX + self.ctx.measureText(longest).width / uPlot.pxRatio);
};

function prefersDark(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function TimeSeriesChart({
  title,
  summary,
  times,
  series,
}: {
  title: string;
  /** What the chart shows, in a sentence, for people who cannot see it. */
  summary: string;
  /** Epoch ms of each point. */
  times: number[];
  series: ChartSeries[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data: uPlot.AlignedData = [times.map((time) => time / 1000), ...series.map((line) => line.values)];
  const shape = series.map((line) => line.label).join('|');

  // Created once per set of series; later data only goes through setData (no re-creation per poll).
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const dark = prefersDark();
    const gridColor = dark ? '#27272a' : '#e4e4e7';
    // CSS does not reach into the canvas: the axis labels take the app's font and the box's muted grey
    // (zinc-600 / zinc-400, over 4.5:1 on the page in light and dark) from the box they are drawn in.
    const { fontFamily, color: labelColor } = getComputedStyle(element);
    const axis = {
      stroke: labelColor,
      font: `12px ${fontFamily}`,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
    };
    // Set by the y range, read by its axis: the labels are the scale's own round steps, top included.
    let yScale: RoundScale = roundScale(0);
    plot.current = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        // A key of the lines (no "--" values waiting for the pointer); the values are in the summary.
        legend: { show: series.length > 1, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          y: {
            range: (_self, min, max) => {
              yScale = roundScale(Math.max(min ?? 0, max ?? 0));
              return [0, yScale.top];
            },
          },
        },
        axes: [
          {
            ...axis,
            values: (self, splits) => {
              const spanMs = ((self.scales.x.max ?? 0) - (self.scales.x.min ?? 0)) * 1000;
              return splits.map((seconds) => formatChartTime(seconds * 1000, spanMs));
            },
          },
          {
            ...axis,
            size: fitLongestLabel,
            splits: () => yScale.ticks,
            values: (_self, splits) => splits.map((value) => compactNumber.format(value)),
          },
        ],
        series: [
          {},
          ...series.map((line) => ({
            label: line.label,
            stroke: dark ? line.color[1] : line.color[0],
            width: 2,
            points: { show: false },
          })),
        ],
      },
      [[], ...series.map(() => [])],
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-created only when the set of series changes
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  return (
    <figure className="min-w-0 space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div
        ref={container}
        role="img"
        aria-label={`${title}. ${summary}`}
        className="w-full text-zinc-600 dark:text-zinc-400"
      />
    </figure>
  );
}
