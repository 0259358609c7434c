import type { SourceDraft, SourceKind } from './draft';
import { TestResult } from './test-result';
import { useSettings } from './store';

const KINDS: { kind: SourceKind; label: string }[] = [
  { kind: 'none', label: 'Not configured' },
  { kind: 'demo-embedded', label: 'Demo data (embedded)' },
  { kind: 'demo-server', label: 'Demo data on the warehouse server' },
  { kind: 'url', label: 'PostgreSQL database (URL)' },
];

const PLACEHOLDER = { odoo: 'postgres://reader@crm.example.com:5432/odoo', apn: 'postgres://reader@ace.example.com:5432/apn' } as const;

/** One source (Odoo or APN): where it is, its password (write-only), TLS, and the connection test. */
export function SourceFields({ id, label, envVar }: { id: 'odoo' | 'apn'; label: string; envVar: string }) {
  const d = useSettings((s) => s.draft?.[id]);
  const error = useSettings((s) => s.errors[id]);
  const overridden = useSettings((s) => s.view.data?.overriddenByEnv.includes(id) ?? false);
  const store = useSettings((s) => (s.view.data?.credentialStore === 'keychain' ? 'OS keychain' : 'session memory'));
  const edit = useSettings((s) => s.edit);
  const test = useSettings((s) => s.test);
  const testing = useSettings((s) => s.tests[id]?.state === 'running');
  if (!d) return null;
  const change = (patch: Partial<SourceDraft>) => edit((x) => ({ ...x, [id]: { ...x[id], ...patch } }));
  return (
    <fieldset className="settings-block" data-testid={`source-${id}`}>
      <legend>{label}</legend>
      {overridden ? <p className="note-warn">{envVar} is set in the environment and wins over this setting.</p> : null}
      <div className="field-row">
        <label className="field">
          <span>Source</span>
          <select value={d.kind} onChange={(e) => change({ kind: e.target.value as SourceKind })} aria-label={`${label} source`}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {d.kind === 'demo-server' ? (
          <label className="field grow">
            <span>Database</span>
            <input value={d.database} onChange={(e) => change({ database: e.target.value })} placeholder={`revops_demo_${id}`} aria-label={`${label} demo database`} />
          </label>
        ) : null}
        {d.kind === 'url' ? (
          <label className="field grow">
            <span>URL (without password)</span>
            <input value={d.url} onChange={(e) => change({ url: e.target.value })} placeholder={PLACEHOLDER[id]} spellCheck={false} aria-label={`${label} URL`} aria-invalid={error ? true : undefined} />
          </label>
        ) : null}
      </div>
      {d.kind === 'url' ? (
        <div className="field-row">
          <label className="field">
            <span>Password</span>
            <input
              type="password"
              value={d.password}
              onChange={(e) => change({ password: e.target.value })}
              placeholder={d.hasPassword ? `stored in the ${store}; type to replace` : 'not stored'}
              autoComplete="off"
              aria-label={`${label} password`}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={d.tlsOff} onChange={(e) => change({ tlsOff: e.target.checked })} />
            <span>Allow without TLS (trusted network only)</span>
          </label>
        </div>
      ) : null}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <div className="field-actions">
        <button type="button" className="button" onClick={() => void test(id)} disabled={testing} aria-label={`Test ${label} connection`}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <span className="muted">Read-only session; nothing is written to the source.</span>
      </div>
      <TestResult target={id} />
    </fieldset>
  );
}
