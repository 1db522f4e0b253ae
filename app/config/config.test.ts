import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicConfig } from './config.server';

describe('configuration', () => {
  it('has working defaults: PGlite in ./data/pglite on port 3000 with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, PGLITE_DIR: './data/pglite', SEED_DEMO: '1' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("contacts no outside tile server by default: the map uses Haven's own basemap", () => {
    expect(loadConfig({}).TILE_URL).toBeUndefined();
    expect(loadConfig({ TILE_URL: '' }).TILE_URL).toBeUndefined();
    expect(publicConfig(loadConfig({})).tileUrl).toBeNull();
    const outside = 'https://tiles.example.org/{z}/{x}/{y}.png';
    expect(publicConfig(loadConfig({ TILE_URL: outside })).tileUrl).toBe(outside);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/haven' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ QUICK_EXIT_URL: 'javascript:alert(1)' }, 'QUICK_EXIT_URL'],
    [{ TILE_URL: 'https://tiles.example.org/map.png' }, 'TILE_URL'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ PUBLIC_URL: 'haven.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://haven.example.org/app?x=1' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://haven.example.org' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.5' }, 'TRUST_PROXY'],
    [{ DATABASE_READ_URL: 'postgres://replica/haven' }, 'DATABASE_READ_URL'],
    [{ READ_MAX_LAG_S: 'soon' }, 'READ_MAX_LAG_S'],
    [{ READ_MAX_LAG_S: '0' }, 'READ_MAX_LAG_S'],
    [{ PGLITE_STATEMENT_TIMEOUT_S: '-1' }, 'PGLITE_STATEMENT_TIMEOUT_S'],
  ])('rejects %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).issues.some((issue) => issue.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('accepts PostgreSQL URLs and treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://app@db:5432/haven' }).DATABASE_URL).toBe(
      'postgresql://app@db:5432/haven',
    );
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('reads PUBLIC_URL as an origin and TRUST_PROXY as a hop count (0 = no proxy)', () => {
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
    expect(loadConfig({ PUBLIC_URL: 'https://Haven.example.org/' }).PUBLIC_URL).toBe(
      'https://haven.example.org',
    );
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(0);
  });

  it('lets only an allow-list reach the browser', () => {
    const exposed = JSON.stringify(
      publicConfig(
        loadConfig({ DATABASE_URL: 'postgres://secret@db/haven', SESSION_SECRET: 'x'.repeat(40) }),
      ),
    );
    expect(exposed).not.toContain('secret@db');
    expect(exposed).not.toContain('xxxx');
  });
});
