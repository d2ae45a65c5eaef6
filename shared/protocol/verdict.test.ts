import { describe, expect, it } from 'vitest';
import { portCheckResultSchema } from '../channels/companion';
import { protocolSchema } from '../channels/listeners';
import { probeResultSchema, transportSchema as probeTransport } from '../channels/probe';
import { companionProbeResultSchema, portStateSchema as companionStates, probeProtocolSchema } from '../companion-protocol';
import { diagnosisProtocolSchema } from '../diagnosis/plan';
import { presetProtocolSchema } from '../presets/schema';
import { portStateSchema, transportSchema } from './verdict';

// Issue #10 item 4: the contract is written once. Every name for 'tcp'|'udp' and for a port state
// is the same schema object, and the results that carry them use it.
describe('one schema for a transport and for a port state', () => {
  it('every transport name is the one schema', () => {
    for (const alias of [probeTransport, protocolSchema, probeProtocolSchema, presetProtocolSchema, diagnosisProtocolSchema]) expect(alias).toBe(transportSchema);
  });

  it('every port state is the one schema, in the app probe, the companion and the port check', () => {
    expect(companionStates).toBe(portStateSchema);
    for (const result of [probeResultSchema, companionProbeResultSchema, portCheckResultSchema]) {
      expect(result.shape.state).toBe(portStateSchema);
      expect(result.shape.protocol).toBe(transportSchema);
    }
  });
});
