// Golden files for each report format (review a diff of golden/ like any other change;
// PD_UPDATE_GOLDEN=1 rewrites them after a deliberate change).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../shared/report/fixture.test-util';
import { redactReport, renderReport, REPORT_FORMATS } from '../../../shared/report';

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

describe('report golden files', () => {
  for (const format of REPORT_FORMATS) {
    it(`renders the redacted ${format} exactly as golden/report.${format}`, () => {
      const text = renderReport(redactReport(reportFixture()), format);
      if (process.env.PD_UPDATE_GOLDEN === '1') writeFileSync(golden(`report.${format}`), text);
      expect(text).toBe(readFileSync(golden(`report.${format}`), 'utf8'));
    });
  }
  it('renders the unredacted Markdown exactly as golden/report-unredacted.md', () => {
    const text = renderReport(reportFixture(), 'md');
    if (process.env.PD_UPDATE_GOLDEN === '1') writeFileSync(golden('report-unredacted.md'), text);
    expect(text).toBe(readFileSync(golden('report-unredacted.md'), 'utf8'));
  });
});
