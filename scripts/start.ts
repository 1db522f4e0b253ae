/**
 * `npm start`: build the app if the build is missing or older than the sources, then run
 * the server (which migrates and seeds). The two-command promise: `npm install && npm start`.
 */
import { ensureBuild } from './lib/build';

ensureBuild();
await import('../server');
