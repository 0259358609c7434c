import type { WarehouseStatus } from '../../../../app/contract';
import { Panel } from '../../components/panel';
import { ResourceView } from '../../components/resource-view';
import { formatCount, orderSchemas, SCHEMA_PURPOSE, schemaVerdict } from './format';
import { useDashboard } from './store';

function Summary({ status }: { status: WarehouseStatus }) {
  const verdict = schemaVerdict(status.schemaVersion, status.appSchemaVersion);
  return (
    <dl className="facts">
      <dt>Engine</dt>
      <dd>
        <span className="engine" data-testid="warehouse-engine">
          {status.engine}
        </span>
        <span className="muted"> {status.engine === 'pglite' ? 'embedded, in this app' : 'PostgreSQL server'}</span>
      </dd>
      <dt>Location</dt>
      <dd className="mono wrap" data-testid="warehouse-description">
        {status.description}
      </dd>
      <dt>Schema</dt>
      <dd>
        <span data-testid="schema-version">version {status.schemaVersion}</span>
        <span className="muted"> · app ships {status.appSchemaVersion} </span>
        <span className={`pill tone-${verdict.tone}`}>{verdict.text}</span>
      </dd>
      <dt>Extensions</dt>
      <dd className="chips">
        {status.extensions.length === 0 ? <span className="muted">none</span> : null}
        {status.extensions.map((e) => (
          <span key={e.name} className="chip">
            {e.name} <span className="muted">{e.version}</span>
          </span>
        ))}
      </dd>
    </dl>
  );
}

function SchemaTable({ status }: { status: WarehouseStatus }) {
  const schemas = orderSchemas(status.schemas);
  const total = schemas.reduce((acc, s) => ({ tables: acc.tables + s.tables, rows: acc.rows + s.rows }), { tables: 0, rows: 0 });
  return (
    <table className="data-table" data-testid="schema-table">
      <thead>
        <tr>
          <th scope="col">Schema</th>
          <th scope="col">Holds</th>
          <th scope="col" className="num">
            Tables
          </th>
          <th scope="col" className="num">
            Rows
          </th>
        </tr>
      </thead>
      <tbody>
        {schemas.map((s) => (
          <tr key={s.schema} data-schema={s.schema}>
            <th scope="row" className="mono">
              {s.schema}
            </th>
            <td className="muted">{SCHEMA_PURPOSE[s.schema] ?? ''}</td>
            <td className="num">{formatCount(s.tables)}</td>
            <td className="num">{formatCount(s.rows)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td className="num">{formatCount(total.tables)}</td>
          <td className="num">{formatCount(total.rows)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function WarehousePanel() {
  const warehouse = useDashboard((s) => s.warehouse);
  return (
    <Panel title="Warehouse" testId="warehouse-panel">
      <ResourceView resource={warehouse} what="warehouse status">
        {(status) => (
          <>
            <Summary status={status} />
            <SchemaTable status={status} />
          </>
        )}
      </ResourceView>
    </Panel>
  );
}
