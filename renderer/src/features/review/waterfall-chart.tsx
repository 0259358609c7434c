/**
 * The signals behind a candidate's score as an echarts waterfall (option built by app/charts/waterfall.ts).
 * Modular echarts: only the bar chart and the components it needs, so the bundle stays small.
 */
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { init, use as registerEcharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { MatchContribution } from '../../../../app/contract';
import { waterfallChart, waterfallSteps } from '../../../../app/charts/waterfall';

registerEcharts([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

const BAR = 17;

export function WaterfallChart({ contributions, label }: { contributions: readonly MatchContribution[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const option = useMemo(() => waterfallChart(contributions), [contributions]);
  const { steps, omitted } = useMemo(() => waterfallSteps(contributions), [contributions]);
  const height = steps.length * BAR + 24;

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
    chart.current?.resize();
    chart.current?.setOption(option as EChartsCoreOption, { notMerge: true });
  }, [option, height]);

  return (
    <figure className="waterfall">
      <div ref={ref} className="echart" style={{ height }} role="img" aria-label={label} data-testid="waterfall" data-steps={steps.length} />
      <figcaption className="muted">
        Bits of evidence (log₂ likelihood ratio) per signal, prior first; {omitted > 0 ? `${omitted} signal(s) not compared or ≈ 0 left out; ` : ''}the last bar is the match weight.
      </figcaption>
    </figure>
  );
}
