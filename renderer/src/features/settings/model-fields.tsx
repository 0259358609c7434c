import { ResourceView } from '../../components/resource-view';
import { useSettings } from './store';

const FROM_LABEL = { input: 'this field', settings: 'settings', BGE_M3_DIR: '$BGE_M3_DIR', default: 'the default folder' } as const;

/** The BGE-M3 folder (typed, or the native dialog in the desktop app) and what the worker detects in it. */
export function ModelFields() {
  const dir = useSettings((s) => s.draft?.modelDir ?? '');
  const error = useSettings((s) => s.errors.modelDir);
  const model = useSettings((s) => s.model);
  const desktop = useSettings((s) => s.desktop);
  const edit = useSettings((s) => s.edit);
  const detect = useSettings((s) => s.detectModel);
  const browse = useSettings((s) => s.browseModelDir);
  const checking = model.state === 'loading';
  return (
    <fieldset className="settings-block" data-testid="model-fields">
      <legend>Embedding model</legend>
      <div className="field-row">
        <label className="field grow">
          <span>BGE-M3 ONNX folder (empty: $BGE_M3_DIR, else resources/models/bge-m3)</span>
          <input value={dir} onChange={(e) => edit((d) => ({ ...d, modelDir: e.target.value }))} placeholder="/home/analyst/models/bge-m3" spellCheck={false} aria-label="Model folder" aria-invalid={error ? true : undefined} />
        </label>
        {desktop ? (
          <button type="button" className="button align-end" onClick={() => void browse()}>
            Browse…
          </button>
        ) : null}
        <button type="button" className="button align-end" onClick={() => void detect()} disabled={checking}>
          {checking ? 'Checking…' : 'Detect'}
        </button>
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <ResourceView resource={model} what="the model check">
        {(m) => (
          <dl className="facts" data-testid="model-detect">
            <dt>Folder</dt>
            <dd className="mono wrap">
              {m.modelDir} <span className="muted">(from {FROM_LABEL[m.from]})</span>
            </dd>
            <dt>Provider</dt>
            <dd data-testid="model-provider">
              {m.provider ? (
                <>
                  <span className={`pill ${m.provider === 'cuda' ? 'tone-ok' : 'tone-warn'}`}>{m.provider.toUpperCase()}</span>{' '}
                  {m.fallbackReason ? <span>{m.fallbackReason}</span> : <span className="muted">as requested</span>}
                </>
              ) : (
                <>
                  <span className="muted">none yet (no model loaded); this machine can offer</span>{' '}
                  <span className={`pill ${m.expected.provider === 'cuda' ? 'tone-ok' : 'tone-warn'}`}>{m.expected.provider.toUpperCase()}</span>{' '}
                  <span data-testid="model-expected">{m.expected.reason}</span>
                </>
              )}
            </dd>
            <dt>Status</dt>
            <dd className={m.status === 'loaded' ? '' : 'note-text-warn'} data-testid="model-status">
              {m.message}
            </dd>
            {m.dims !== null ? (
              <>
                <dt>Model</dt>
                <dd>
                  {m.dims} dims · heads {m.heads.join(', ')} · loaded in {m.loadMs} ms
                </dd>
              </>
            ) : null}
          </dl>
        )}
      </ResourceView>
    </fieldset>
  );
}
