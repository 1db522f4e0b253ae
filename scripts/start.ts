/**
 * `npm start`: build the app if the build is missing or older than the sources, then run
 * the server (which migrates and seeds). The two-command promise: `npm install && npm start`.
 */
import { ensureBuild } from './lib/build';
import { parseCli } from './lib/cli';

parseCli({
  command: 'start',
  summary:
    'Builds the app if needed, migrates the database, loads the demo data into an empty database and serves Haven (settings: environment variables, see README).',
  options: {},
});
ensureBuild();
await import('../server');
