/** A VS Code `state.vscdb` built with sql.js: ItemTable(key, value) as VS Code creates it. */
import initSqlJs from 'sql.js';

export interface Provider {
  providerId: string;
  label: string;
  authorizationServer: string;
  clientId: string;
}

export async function buildVscdb(providers: Provider[], tokenFor: (p: Provider) => string): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  const put = (key: string, value: string): void => {
    db.run('INSERT INTO ItemTable (key, value) VALUES (?, ?)', [key, value]);
  };
  put('workbench.panel.width', '300');
  put('dynamicAuthProviders', JSON.stringify(providers));
  for (const p of providers) {
    put(`secret://dynamicAuthProvider:clientRegistration:${p.providerId}`, tokenFor(p));
    put(
      `secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: p.providerId, clientId: p.clientId })}`,
      tokenFor(p),
    );
  }
  const first = providers[0];
  put(
    'secret://{"extensionId":"saoudrizwan.claude-dev","key":"mcpOAuthSecrets"}',
    first !== undefined ? tokenFor(first) : 'another extension',
  );
  const out = Buffer.from(db.export());
  db.close();
  return out;
}

export async function readVscdb(bytes: Buffer): Promise<Map<string, string>> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  const rows = new Map<string, string>();
  for (const [k, v] of db.exec('SELECT key, value FROM ItemTable')[0]?.values ?? []) {
    rows.set(String(k), v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v));
  }
  db.close();
  return rows;
}
