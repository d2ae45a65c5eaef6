import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Runs the project's real eslint.config.js on one-line files placed in each folder, so the folder
// table is checked as configured, not as the rule alone would behave.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'pd/allowed-imports').map((m) => m.message);
}

describe('folder boundaries (eslint pd/allowed-imports)', () => {
  it('keeps the companion to companion/ and shared/', async () => {
    expect(await boundaryErrors('companion/x.ts', "export { classifyTcp } from '../shared/protocol/classify';")).toEqual([]);
    expect(await boundaryErrors('companion/x.ts', "export { confirm } from '../electron/services/probe/confirm';")).toEqual([
      expect.stringContaining("'electron/services/probe/confirm' is outside companion, shared"),
    ]);
    expect(await boundaryErrors('companion/x.ts', "export { Netns } from '../e2e/lab/ns-core';")).toHaveLength(1);
    expect(await boundaryErrors('companion/x.test.ts', "export { Netns } from '../e2e/lab/ns-core';")).toEqual([]);
  });

  it('keeps services off the app shell and the lab', async () => {
    const file = 'electron/services/probe/x.ts';
    expect(await boundaryErrors(file, "export * from '../listeners/rows';")).toEqual([]);
    expect(await boundaryErrors(file, "export * from '../../../shared/channels/probe';")).toEqual([]);
    expect(await boundaryErrors(file, "export * from '../../handlers/probe';")).toHaveLength(1);
    expect(await boundaryErrors(file, "export * from '../../../e2e/lab/lab-pair';")).toHaveLength(1);
    expect(await boundaryErrors(file, "const m = import('../../cli/main'); export { m };")).toHaveLength(1);
    expect(await boundaryErrors('electron/services/probe/x.lab.test.ts', "export * from '../../../e2e/lab/lab-pair';")).toEqual([]);
  });

  it('keeps the renderer and shared/ to themselves', async () => {
    expect(await boundaryErrors('renderer/src/x.ts', "export * from '../../shared/result';")).toEqual([]);
    expect(await boundaryErrors('renderer/src/x.ts', "export * from '../../electron/services/probe/confirm';")).toHaveLength(1);
    expect(await boundaryErrors('shared/x.ts', "export * from '../companion/limits';")).toHaveLength(1);
    expect(await boundaryErrors('shared/protocol/x.ts', "export * from '../channels/probe';")).toEqual([]);
  });
});
