/**
 * The signals behind a candidate's score as an echarts waterfall (option built by app/charts/waterfall.ts),
 * rendered by the app's one EChart component; one bar per signal sets the height.
 */
import { useMemo } from 'react';
import type { MatchContribution } from '../../../../app/contract';
import { waterfallChart, waterfallSteps } from '../../../../app/charts/waterfall';
import { EChart } from '../../components/echart';

const BAR = 17;

export function WaterfallChart({ contributions, label }: { contributions: readonly MatchContribution[]; label: string }) {
  const option = useMemo(() => waterfallChart(contributions), [contributions]);
  const { steps, omitted } = useMemo(() => waterfallSteps(contributions), [contributions]);
  const height = steps.length * BAR + 24;

  return (
    <figure className="waterfall">
      <EChart option={option} height={height} label={label} testId="waterfall" data={{ steps: steps.length }} />
      <figcaption className="muted">
        Bits of evidence (log₂ likelihood ratio) per signal, prior first; {omitted > 0 ? `${omitted} signal(s) not compared or ≈ 0 left out; ` : ''}the last bar is the match weight.
      </figcaption>
    </figure>
  );
}
