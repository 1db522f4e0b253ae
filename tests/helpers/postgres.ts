/** Creating and dropping whole PostgreSQL databases for tests. */
import pg from 'pg';

/** The same server URL pointed at another database. */
export function adminUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createDatabaseNamed(url: string, name: string, template?: string) {
  await withClient(url, async (client) => {
    await client.query(`drop database if exists ${quote(name)} with (force)`);
    await client.query(`create database ${quote(name)}${template ? ` template ${quote(template)}` : ''}`);
  });
}

export async function dropDatabaseNamed(url: string, name: string) {
  await withClient(url, (client) => client.query(`drop database if exists ${quote(name)} with (force)`));
}
