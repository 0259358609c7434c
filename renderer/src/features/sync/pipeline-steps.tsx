import { PIPELINE_STEPS } from '../../../../app/contract';
import type { PipelineStep } from '../../../../app/contract';
import { formatMs } from './format';
import { useSync } from './store';

const STEP_LABEL: Record<PipelineStep, string> = { sync: 'Sync', transform: 'Transform', quality: 'Quality', embed: 'Embed', match: 'Match', decide: 'Decide' };
const STATE_TONE = { running: 'tone-warn', done: 'tone-ok', skipped: '', failed: 'tone-bad', cancelled: 'tone-bad' } as const;

/** The steps of the last "Sync & match" run, in order, each with its state, time and one line. */
export function PipelineSteps() {
  const run = useSync((s) => s.pipeline);
  if (!run) return null;
  return (
    <ol className="pipeline-steps" data-testid="pipeline-steps" data-outcome={run.outcome}>
      {PIPELINE_STEPS.map((step) => {
        const p = run.steps.find((s) => s.step === step);
        return (
          <li key={step} className={`pipeline-step ${p ? `state-${p.state}` : 'state-pending'}`} data-step={step} data-state={p?.state ?? 'pending'} title={p?.message ?? undefined}>
            <div className="pipeline-step-head">
              <span className="pipeline-step-name">{STEP_LABEL[step]}</span>
              {p ? <span className={`pill ${STATE_TONE[p.state]}`}>{p.state === 'running' ? 'running…' : p.state}</span> : <span className="muted">waiting</span>}
            </div>
            <div className="pipeline-step-note muted">{p?.message ?? (p?.state === 'running' ? '' : '\u00a0')}</div>
            {p?.ms !== null && p?.ms !== undefined ? <div className="pipeline-step-ms muted">{formatMs(p.ms)}</div> : null}
          </li>
        );
      })}
    </ol>
  );
}
