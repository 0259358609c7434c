/**
 * One echarts instance in a div, modular (echarts/core + only the charts and components the dashboard
 * uses, so the bundle stays small). Options come from app/charts (pure builders); this only renders them
 * and follows the element's size. The container's aria-label carries the chart's numbers in words (echarts'
 * own aria component would replace it with a generic description).
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { init, use as registerCharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../../../../app/charts/dashboard';

registerCharts([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

type EChartProps = { option: ChartOption; height: number; label: string; testId?: string };

export function EChart({ option, height, label, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
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

  return <div ref={ref} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
