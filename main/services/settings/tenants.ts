/** The rule sets a tenant setting can name: 'default' (rules/pod.yaml) and rules/tenants/<name>.yaml. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TENANT, rulesDir, TENANT_NAME } from '../decide/rule-files';

export async function listTenants(dir: string = rulesDir()): Promise<string[]> {
  const names = await readdir(join(dir, 'tenants')).catch(() => [] as string[]);
  const tenants = names
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.slice(0, -'.yaml'.length))
    .filter((n) => TENANT_NAME.test(n))
    .sort();
  return [DEFAULT_TENANT, ...tenants];
}
