import { useEffect } from 'react';
import { ErrorNote } from '../../components/error-note';
import { ResourceView } from '../../components/resource-view';
import { ModelFields } from './model-fields';
import './settings.css';
import { SourceFields } from './source-fields';
import { useSettings } from './store';
import { WarehouseFields } from './warehouse-fields';

function TenantField() {
  const tenant = useSettings((s) => s.draft?.tenant ?? 'default');
  const tenants = useSettings((s) => s.view.data?.tenants ?? []);
  const edit = useSettings((s) => s.edit);
  return (
    <fieldset className="settings-block" data-testid="tenant-fields">
      <legend>POD rule set</legend>
      <div className="field-row">
        <label className="field">
          <span>Tenant</span>
          <select value={tenant} onChange={(e) => edit((d) => ({ ...d, tenant: e.target.value }))} aria-label="Tenant rule set">
            {tenants.map((t) => (
              <option key={t} value={t}>
                {t === 'default' ? 'default (rules/pod.yaml)' : `${t} (rules/tenants/${t}.yaml)`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">The rules that decide POD eligibility; the Rules screen shows them. The next decide run uses the new set.</p>
    </fieldset>
  );
}

export function SettingsScreen() {
  const load = useSettings((s) => s.load);
  const view = useSettings((s) => s.view);
  const save = useSettings((s) => s.save);
  const saving = useSettings((s) => s.saving);
  const saved = useSettings((s) => s.saved);
  const saveError = useSettings((s) => s.saveError);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="screen" data-testid="settings-screen">
      <header className="screen-head">
        <h1>Settings</h1>
        <div className="screen-actions">
          {saved ? (
            <span className="muted" role="status" data-testid="saved">
              {saved}
            </span>
          ) : null}
          <button type="button" className="button" onClick={() => void load()} disabled={saving}>
            Revert
          </button>
          <button type="button" className="button primary" onClick={() => void save()} disabled={saving || view.data === null}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      {saveError ? <ErrorNote error={saveError} /> : null}
      <ResourceView resource={view} what="settings">
        {(v) => (
          <form className="settings-form" onSubmit={(e) => (e.preventDefault(), void save())}>
            <p className="muted">
              Passwords are kept {v.credentialStore === 'keychain' ? 'in the OS keychain' : 'in memory for this session only (browser mode has no keychain)'}, never in{' '}
              <span className="mono">{v.file}</span>.
            </p>
            <div className="settings-columns">
              <div className="stack">
                <SourceFields id="odoo" label="Odoo CRM" envVar="ODOO_DATABASE_URL" />
                <SourceFields id="apn" label="AWS ACE / APN" envVar="APN_DATABASE_URL" />
              </div>
              <div className="stack">
                <WarehouseFields />
                <ModelFields />
                <TenantField />
              </div>
            </div>
          </form>
        )}
      </ResourceView>
    </div>
  );
}
