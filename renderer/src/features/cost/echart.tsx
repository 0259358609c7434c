/**
 * One echarts instance for the cost explorer: bars + line, modular (echarts/core and only what these
 * charts use, so the bundle stays small). Options come from app/charts/cost (pure); clicks on a data item
 * report its category index.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { init, use as registerCharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../../../../app/charts/dashboard';

registerCharts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

type Props = { option: ChartOption; height: number; label: string; testId?: string; onPick?: (index: number) => void };

export function CostChart({ option, height, label, testId, onPick }: Props) {
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

  const desc = (option.aria as { label?: { description?: string } } | undefined)?.label?.description ?? '';
  return <div ref={ref} className="echart" style={{ height, cursor: onPick ? 'pointer' : undefined }} role="img" aria-label={`${label}: ${desc}`} data-testid={testId} />;
}
