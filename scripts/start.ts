/**
 * `npm start`: build the app if the build is missing or older than the sources, then run
 * the server (which migrates and seeds). The two-command promise: `npm install && npm start`.
 *
 * It runs in production unless NODE_ENV says otherwise: React and React Router choose their
 * development builds from NODE_ENV when first loaded, and those print warnings carrying the
 * request URL — query string, place and coordinates — to stderr.
 */
import { ensureBuild } from './lib/build';
import { parseCli } from './lib/cli';

parseCli({
  command: 'start',
  summary:
    'Builds the app if needed, migrates the database, loads the demo data into an empty database and serves Haven (settings: environment variables, see README).',
  options: {},
});
process.env.NODE_ENV ??= 'production';
ensureBuild();
await import('../server');
