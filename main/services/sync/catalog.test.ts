import { describe, expect, it } from 'vitest';
import { buildCatalog, changeColumnOf, rawTableName, rawType, syncOrder } from './catalog';
import type { CatalogRow } from './catalog';

const col = (table_name: string, column_name: string, type: string, extra: Partial<CatalogRow> = {}): CatalogRow => ({
  table_name,
  column_name,
  type,
  typtype: 'b',
  type_schema: 'pg_catalog',
  base_type: null,
  base_schema: null,
  elem_schema: null,
  elem_typtype: null,
  ...extra,
});

describe('raw naming and types', () => {
  it('names raw tables raw.<source>_<table>, without doubling the source prefix', () => {
    expect(rawTableName('odoo', 'crm_lead')).toBe('raw.odoo_crm_lead');
    expect(rawTableName('odoo', 'c_billing_internal_cur')).toBe('raw.odoo_c_billing_internal_cur');
    expect(rawTableName('apn', 'apn_opportunity')).toBe('raw.apn_opportunity');
  });

  it('keeps built-in types, maps domains to their base and enums/extension types to text', () => {
    expect(rawType(col('t', 'a', 'character varying(12)'))).toBe('character varying(12)');
    expect(rawType(col('t', 'a', 'numeric(20,10)'))).toBe('numeric(20,10)');
    expect(rawType(col('t', 'a', 'timestamp(3) without time zone'))).toBe('timestamp(3) without time zone');
    expect(rawType(col('t', 'a', 'integer[]', { elem_schema: 'pg_catalog', elem_typtype: 'b' }))).toBe('integer[]');
    expect(rawType(col('t', 'a', 'positive_int', { typtype: 'd', type_schema: 'public', base_type: 'integer', base_schema: 'pg_catalog' }))).toBe('integer');
    expect(rawType(col('t', 'a', 'mood', { typtype: 'e', type_schema: 'public' }))).toBe('text');
    expect(rawType(col('t', 'a', 'mood[]', { type_schema: 'public', elem_schema: 'public', elem_typtype: 'e' }))).toBe('text[]');
    expect(rawType(col('t', 'a', 'citext', { type_schema: 'public' }))).toBe('text');
    expect(rawType(col('t', 'a', '"char"'))).toBe('text');
  });

  it('finds the change column by source, only with a date/time type', () => {
    expect(changeColumnOf('odoo', [{ name: 'write_date', type: 'timestamp without time zone' }])).toBe('write_date');
    expect(changeColumnOf('apn', [{ name: 'last_modified_date', type: 'timestamp with time zone' }])).toBe('last_modified_date');
    expect(changeColumnOf('odoo', [{ name: 'write_date', type: 'text' }])).toBeNull();
    expect(changeColumnOf('apn', [{ name: 'changed_at', type: 'timestamp with time zone' }])).toBeNull();
  });

  it('orders cost rows and bill lines first, then the other billing tables, then the rest', () => {
    const names = ['res_partner', 'account_move', 'c_billing_bill_line', 'crm_lead', 'c_billing_spp_bill', 'c_billing_internal_cur', 'account_move_line'];
    expect([...names].sort(syncOrder)).toEqual(['c_billing_internal_cur', 'c_billing_bill_line', 'account_move_line', 'account_move', 'c_billing_spp_bill', 'crm_lead', 'res_partner']);
  });

  it('skips unsafe names with a reason, keeps the key and the billing scope', () => {
    const rows = [
      col('crm_lead', 'id', 'integer'),
      col('crm_lead', 'write_date', 'timestamp without time zone'),
      col('crm_lead', 'Weird Col', 'text'),
      col('crm_lead', '_raw_id', 'integer'),
      col('BadTable', 'id', 'integer'),
      col('account_move', 'id', 'integer'),
    ];
    const all = buildCatalog('odoo', 'all', rows, [{ table_name: 'crm_lead', key_columns: ['id'] }]);
    expect(all.tables.map((t) => t.name)).toEqual(['account_move', 'crm_lead']);
    expect(all.tables.find((t) => t.name === 'crm_lead')).toEqual({
      name: 'crm_lead',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'write_date', type: 'timestamp without time zone' },
      ],
      key: ['id'],
      changeColumn: 'write_date',
    });
    expect(all.tables.find((t) => t.name === 'account_move')).toMatchObject({ key: [], changeColumn: null });
    expect(all.skipped).toHaveLength(3);
    expect(all.skipped.join('\n')).toMatch(/BadTable: table name is not a plain lower-case identifier/);
    expect(buildCatalog('odoo', 'billing', rows, []).tables.map((t) => t.name)).toEqual(['account_move']);
  });
});
