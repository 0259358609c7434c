/**
 * The rules screen: the POD rule set in force (tenant, version, program versions with their effective
 * dates, each rule's text, severity, parameters and condition), the files it came from, and the last
 * load error (then the app decides with the last good rule set, and says so).
 */
import { useEffect } from 'react';
import type { RulesActive } from '../../../../app/contract';
import { ErrorNote } from '../../components/error-note';
import { Panel } from '../../components/panel';
import { ResourceView } from '../../components/resource-view';
import './rules.css';
import { useRules } from './store';

const paramText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function Version({ v }: { v: RulesActive['versions'][number] }) {
  return (
    <Panel title={`Program ${v.id}${v.title ? ` — ${v.title}` : ''}`} aside={<span className="muted">effective {v.from} → {v.to ?? 'open-ended'}</span>} testId={`version-${v.id}`}>
      <ol className="rule-list">
        {v.rules.map((r) => (
          <li key={r.id} className={`rule-card${r.enabled ? '' : ' disabled'}`} data-rule={r.id}>
            <div className="rule-card-head">
              <span className={`pill ${r.severity === 'reject' ? 'tone-bad' : 'tone-warn'}`}>{r.severity === 'reject' ? 'rejects' : 'needs review'}</span>
              <span className="rule-card-title">{r.title}</span>
              <span className="mono muted">{r.id}</span>
              {r.enabled ? null : <span className="pill tone-muted">disabled</span>}
              {r.source ? <span className="mono muted rule-source">{r.source}</span> : null}
            </div>
            {r.description ? <p className="rule-desc">{r.description}</p> : null}
            <code className="rule-condition">{r.condition}</code>
            {Object.keys(r.parameters).length > 0 ? (
              <dl className="rule-params">
                {Object.entries(r.parameters).map(([k, val]) => (
                  <div key={k}>
                    <dt className="mono">{k}</dt>
                    <dd>{paramText(val)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {Object.keys(r.explain).length > 0 ? (
              <ul className="rule-explain">
                {Object.entries(r.explain).map(([k, t]) => (
                  <li key={k}>
                    <span className="muted">{k}:</span> {t}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function RuleSet({ a }: { a: RulesActive }) {
  return (
    <div className="rules-body">
      <Panel title="Rule set" testId="rule-set">
        <dl className="facts">
          <dt>Tenant</dt>
          <dd data-testid="rules-tenant">{a.tenant}</dd>
          <dt>Rule set</dt>
          <dd>
            {a.title ?? a.ruleSetId ?? <span className="muted">none</span>} {a.ruleSetHash ? <span className="mono muted">{a.ruleSetHash.slice(0, 12)}</span> : null}
          </dd>
          <dt>Files</dt>
          <dd data-testid="rules-files">
            {a.files.length === 0 ? <span className="muted">none</span> : a.files.map((f) => <code key={f} className="file">{f}</code>)}
          </dd>
          <dt>Status</dt>
          <dd data-testid="rules-status">
            {a.loadErrors.length === 0 ? (
              <span className="pill tone-ok">loaded</span>
            ) : (
              <span className="pill tone-bad">{a.fallback ? 'files have errors: deciding with the last good rule set' : 'files have errors'}</span>
            )}
          </dd>
        </dl>
        {a.loadErrors.length > 0 ? (
          <div className="load-errors" role="alert" data-testid="rules-load-errors">
            <p className="error-message">Last load error{a.loadErrors.length > 1 ? 's' : ''}</p>
            <ul>
              {a.loadErrors.map((e, i) => (
                <li key={i}>
                  <code>
                    {e.file}
                    {e.line ? `:${e.line}` : ''}
                  </code>
                  {e.rule ? <span className="mono muted"> {e.rule}</span> : null} — {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Panel>
      {a.versions.map((v) => (
        <Version key={v.id} v={v} />
      ))}
    </div>
  );
}

export function RulesScreen() {
  const active = useRules((s) => s.active);
  const load = useRules((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="screen rules-screen" data-testid="rules">
      <header className="screen-head">
        <h1>Rules</h1>
        <div className="screen-actions">
          <button type="button" className="button" onClick={() => void load()} disabled={active.state === 'loading'}>
            Reload
          </button>
        </div>
      </header>
      {active.state === 'error' && active.error && active.data === null ? <ErrorNote error={active.error} /> : <ResourceView resource={active} what="the rule set">{(a) => <RuleSet a={a} />}</ResourceView>}
    </div>
  );
}
