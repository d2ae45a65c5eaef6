// Ground truth: every catalog scenario, built in real namespaces, has exactly the reachability matrix it claims
// (its static shape is checked in catalog.test.ts).
import { expect, it } from 'vitest';
import { CATALOG } from './catalog.js';
import { expectedRows, hostOf, measureRows } from './matrix.js';
import { describeLab, keepLab } from './netns.js';
import { buildTopology } from './topology.js';

describeLab('ground-truth scenario catalog', () => {
  for (const entry of CATALOG) {
    it(`${entry.name}: ${entry.story}`, async () => {
      const lab = await buildTopology(entry.scenario, { tag: entry.name });
      try {
        const [rows, seenTcp, seenUdp] = await Promise.all([measureRows(lab, entry.matrix), lab.observedSource('pc', 'tcp'), lab.observedSource('pc', 'udp')]);
        expect(rows).toEqual(expectedRows(lab, entry.matrix));
        const want = lab.addr[entry.companionSeesPc];
        expect(hostOf(seenTcp)).toBe(want);
        expect(hostOf(seenUdp)).toBe(want);
        // Behind CGNAT / double NAT the router's own WAN address is not what the internet sees.
        if (entry.companionSeesPc === 'upstreamWan') expect(want).not.toBe(lab.addr.routerWan);
      } finally {
        if (!keepLab()) await lab.destroy();
      }
    });
  }
});
