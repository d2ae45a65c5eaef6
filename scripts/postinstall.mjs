// After `npm ci`, build so that `npx port-doctor --help` and `npm start` work at once.
// Skipped when installed as a dependency of something else (no sources to build there).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (existsSync('scripts/build.mjs') && existsSync('electron/cli/entry.ts')) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
