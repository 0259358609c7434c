/**
 * One echarts instance in a div, for every chart of the app. Modular: echarts/core plus only the charts
 * and components our option builders use (bars, lines, the donut), so the bundle stays small. Options come
 * from app/charts (pure builders); this only renders them, follows the element's size and reports clicks on
 * a data item by its index. The container's aria-label carries the chart's numbers in words.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { init, use as registerCharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../../../app/charts/dashboard';

registerCharts([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type EChartProps = {
  option: ChartOption;
  height: number;
  label: string;
  testId?: string;
  /** called with the category index of a clicked data item; the cursor becomes a pointer */
  onPick?: (index: number) => void;
  /** extra data-* attributes for tests (e.g. { steps: 7 } → data-steps="7") */
  data?: Record<string, string | number>;
};

export function EChart({ option, height, label, testId, onPick, data }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => {
      if (typeof p.dataIndex === 'number') pick.current?.(p.dataIndex);
    });
    // also fires when `height` changes, so a taller option never renders into the old size
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option as EChartsCoreOption, { notMerge: true });
  }, [option]);

  // an option may describe its numbers in words (aria.label.description); screen readers get them too
  const desc = (option.aria as { label?: { description?: string } } | undefined)?.label?.description;
  const dataAttrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={ref} className="echart" style={{ height, cursor: onPick ? 'pointer' : undefined }} role="img" aria-label={desc ? `${label}: ${desc}` : label} data-testid={testId} {...dataAttrs} />;
}
