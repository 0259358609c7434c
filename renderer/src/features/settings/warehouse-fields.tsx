import { TestResult } from './test-result';
import { useSettings } from './store';

/** The warehouse: embedded PGlite or a PostgreSQL server; applies at the next start of the app. */
export function WarehouseFields() {
  const d = useSettings((s) => s.draft?.warehouse);
  const error = useSettings((s) => s.errors.warehouse);
  const view = useSettings((s) => s.view.data);
  const edit = useSettings((s) => s.edit);
  const test = useSettings((s) => s.test);
  const testing = useSettings((s) => s.tests.warehouse?.state === 'running');
  if (!d || !view) return null;
  const change = (patch: Partial<typeof d>) => edit((x) => ({ ...x, warehouse: { ...x.warehouse, ...patch } }));
  return (
    <fieldset className="settings-block" data-testid="warehouse-fields">
      <legend>Warehouse</legend>
      {view.overriddenByEnv.includes('warehouse') ? <p className="note-warn">DATABASE_URL is set in the environment and wins over this setting.</p> : null}
      {view.restartRequired ? <p className="note-warn" data-testid="restart-required">The saved warehouse differs from the one open now: it applies when the app starts next.</p> : null}
      <div className="field-row">
        <label className="check">
          <input type="radio" name="warehouse-kind" checked={d.kind === 'embedded'} onChange={() => change({ kind: 'embedded' })} />
          <span>Embedded (PGlite in the data folder, no setup)</span>
        </label>
        <label className="check">
          <input type="radio" name="warehouse-kind" checked={d.kind === 'url'} onChange={() => change({ kind: 'url' })} />
          <span>PostgreSQL 15+ server with pgvector</span>
        </label>
      </div>
      {d.kind === 'url' ? (
        <div className="field-row">
          <label className="field grow">
            <span>URL (without password)</span>
            <input value={d.url} onChange={(e) => change({ url: e.target.value })} placeholder="postgres://revops@127.0.0.1:5432/revops" spellCheck={false} aria-label="Warehouse URL" aria-invalid={error ? true : undefined} />
          </label>
          <label className="field">
            <span>Password</span>
            <input type="password" value={d.password} onChange={(e) => change({ password: e.target.value })} placeholder={d.hasPassword ? 'stored; type to replace' : 'not stored'} autoComplete="off" aria-label="Warehouse password" />
          </label>
        </div>
      ) : null}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <div className="field-actions">
        <button type="button" className="button" onClick={() => void test('warehouse')} disabled={testing} aria-label="Test warehouse connection">
          {testing ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <TestResult target="warehouse" />
    </fieldset>
  );
}
