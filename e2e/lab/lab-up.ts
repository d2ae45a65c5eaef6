// Builds one catalog scenario and keeps it up for poking at by hand (`ip netns exec …`) until Ctrl-C / SIGTERM.
// Run through ./up.mjs, which bundles this file with esbuild (Node 20 cannot run TypeScript directly).
import { CATALOG } from './catalog.js';
import { labSupport } from './ns-core.js';
import { buildTopology } from './topology.js';

async function main(): Promise<void> {
  const name = process.argv[2];
  // Checking support also removes namespaces (and processes) of dead runs, e.g. ones kept with PD_LAB_KEEP=1.
  const support = labSupport();
  if (!name || name === '--list') {
    for (const e of CATALOG) console.log(`${e.name.padEnd(32)} ${e.story}`);
    process.exit(name ? 0 : 2);
  }
  const entry = CATALOG.find((e) => e.name === name);
  if (!entry) throw new RangeError(`no scenario named ${name}; try --list`);
  if (!support.ok) throw new Error(support.reason);
  const lab = await buildTopology(entry.scenario, { tag: entry.name });
  for (const [host, h] of Object.entries(lab.hosts)) console.log(`ns ${host} ${h.ns.name}`);
  for (const [key, value] of Object.entries(lab.addr)) console.log(`addr ${key} ${value}`);
  console.log(`try: ip netns exec ${lab.host('friend').ns.name} node e2e/lab/prober.mjs '[{"id":"a","proto":"tcp","host":"${lab.addr.publicIp}","port":25565}]'`);
  // Ctrl-C / SIGTERM run the exit hooks in ns-core: every process and namespace of this run goes.
  console.log('ready (Ctrl-C tears everything down)');
  setInterval(() => undefined, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(`lab-up: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
