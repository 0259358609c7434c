/** Date presets (relative to the newest billing month), a custom month range and the granularity. */
import { GRANULARITIES, PRESET_LABELS, PRESETS, type Granularity } from '../../../../app/cost';
import { useCost } from './store';

export function RangeBar() {
  const { preset, from, to, by, setPreset, setRange, setBy } = useCost();
  return (
    <div className="range-bar">
      <div className="segmented" role="group" aria-label="Date range">
        {PRESETS.map((p) => (
          <button key={p} type="button" className={`seg ${preset === p ? 'on' : ''}`} aria-pressed={preset === p} onClick={() => setPreset(p)}>
            {PRESET_LABELS[p]}
          </button>
        ))}
      </div>
      <label className="range-field">
        From <input type="month" value={from} onChange={(e) => setRange(e.target.value, to)} aria-label="From month" />
      </label>
      <label className="range-field">
        To <input type="month" value={to} onChange={(e) => setRange(from, e.target.value)} aria-label="To month" />
      </label>
      <div className="segmented" role="group" aria-label="Granularity">
        {GRANULARITIES.map((g: Granularity) => (
          <button key={g} type="button" className={`seg ${by === g ? 'on' : ''}`} aria-pressed={by === g} onClick={() => setBy(g)}>
            {g[0]?.toUpperCase()}{g.slice(1)}
          </button>
        ))}
      </div>
    </div>
  );
}
