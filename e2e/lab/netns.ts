// Network-namespace primitives for every lab test: per-run names, processes inside hosts, nft, veths, teardown.
//
// API (stable; other engineers' lab tests import it):
//   RUN_PREFIX                      per-run prefix `pd<pid base36>-<2 random>`, e.g. `pd1k3f-q7` (≤ 10 chars)
//   NS_NAME_PATTERN                 matches every namespace this project's lab ever creates (any run)
//   labSupport()                    { ok: true } | { ok: false, reason }  (Linux, root, `ip`, `nft`, netns works)
//   describeLab(name, fn)           vitest `describe`: skips with the reason printed when the lab cannot run,
//                                   FAILS instead when PD_REQUIRE_LAB=1 (CI); tears everything down afterAll
//   Netns.create(tag)               new namespace `${RUN_PREFIX}-${tag}` with loopback up
//   ns.ip(args)                     `ip -n <ns> …args` (fast path for link/addr/route)
//   ns.exec(argv, opts?)            run argv inside the ns → { code, stdout, stderr }; rejects on non-zero
//                                   (message carries stderr) unless opts.allowFailure
//   ns.spawn(argv, opts?)           start a long-running child inside the ns → NsProcess
//       .pid .stdout .stderr .exited   live pid, output so far, exit promise
//       .waitForLine(re, timeoutMs)    resolves with the first stdout line matching re (rejects on exit/timeout)
//       .stop()                        SIGTERM by pid, SIGKILL after STOP_GRACE_MS, resolves once it has exited
//   ns.nft(rulesetText)             load a ruleset with `nft -f -` inside the ns (one statement per line!)
//   ns.sysctl(key, value)           set a per-namespace sysctl (e.g. net.ipv4.ip_forward — routers only)
//   ns.delete()                     stop its processes, then delete the namespace
//   veth(nsA, ifA, nsB, ifB)        veth pair created directly inside both namespaces (never in the root ns);
//                                   resolves once both ends are operationally up
//   linksReady(ns)                  wait until every link is operstate UP and every bridge port forwards (the
//                                   kernel does this asynchronously; a fresh veth can drop packets for seconds)
//   teardownAll()                   stop every process and delete every namespace of this run; also runs on
//                                   process exit, SIGINT and SIGTERM. PD_LAB_KEEP=1 keeps everything up.
//   cleanupStale()                  delete namespaces left by crashed runs (their pid is dead); runs once on load
//   (everything except describeLab lives in ./ns-core.ts, which has no vitest import)
//   runNamespaces() / liveProcessPids()   what this run still owns (hygiene checks)
import { afterAll, describe, it } from 'vitest';
import { labSupport, teardownAll } from './ns-core.js';

export * from './ns-core.js';

/** A describe block for lab tests: skip locally with a reason, fail in CI (PD_REQUIRE_LAB=1), always clean up. */
export function describeLab(name: string, fn: () => void): void {
  const support = labSupport();
  if (support.ok) {
    describe(name, () => {
      afterAll(teardownAll);
      fn();
    });
    return;
  }
  if (process.env.PD_REQUIRE_LAB === '1') {
    describe(name, () => {
      it('has the lab available (PD_REQUIRE_LAB=1)', () => {
        throw new Error(`PD_REQUIRE_LAB=1 but the network lab cannot run: ${support.reason}`);
      });
    });
    return;
  }
  console.warn(`[lab] SKIPPED "${name}": ${support.reason}. Set PD_REQUIRE_LAB=1 to make this a failure.`);
  describe.skip(`${name} — skipped: ${support.reason}`, fn);
}
