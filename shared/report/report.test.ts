// Writers against golden files, redaction by example, and the property that nothing private leaks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIVATES, reportFixture, type Privates } from './fixture.test-util';
import { formatFromFileName, redactReport, renderReport, reportFileName, reportSchema, REPORT_FORMATS } from './index';
import { escapeMarkdown } from './markdown';

describe('report writers', () => {
  it('the model passes its own schema before redaction', () => {
    expect(reportSchema.safeParse(reportFixture()).success).toBe(true);
  });

  it('Markdown leads with the verdict, then evidence as a table, fix steps, details folded', () => {
    const md = renderMarkdown();
    const order = ['Your router does not forward', '## What to tell your friends', '## How to fix it', '## Evidence', '<details>'];
    const positions = order.map((s) => md.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toMatch(/^\| Port \| On this computer \|/m);
  });

  it('Markdown escapes what would become markup', () => {
    expect(escapeMarkdown('my_server|x *y* <b>')).toBe('my\\_server\\|x \\*y\\* \\<b\\>');
  });

  it('HTML is self-contained: no script, no remote resource, its own CSP, light and dark, print rules', () => {
    const html = renderReport(reportFixture(), 'html');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('@media print');
  });

  it('HTML escapes text from the evidence', () => {
    const r = reportFixture();
    r.subject.title = '<script>alert(1)</script>';
    expect(renderReport(r, 'html')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('names files after the game and the day, and reads formats from extensions', () => {
    expect(reportFileName(reportFixture(), 'md')).toBe('port-doctor-report-minecraft-java-2026-12-02.md');
    expect(reportFileName({ subject: { presetId: null, title: 'Ports 7777, 7778' }, generatedAt: '2026-01-05T00:00:00Z' }, 'pdf')).toBe(
      'port-doctor-report-ports-7777-7778-2026-01-05.pdf',
    );
    expect(formatFromFileName('/tmp/a.MD')).toBe('md');
    expect(formatFromFileName('x.htm')).toBe('html');
    expect(formatFromFileName('x.json')).toBe('json');
    expect(formatFromFileName('x.pdf')).toBeNull();
    expect(formatFromFileName('report')).toBeNull();
  });
});

function renderMarkdown(): string {
  return renderReport(redactReport(reportFixture()), 'md');
}

describe('redaction', () => {
  const r = redactReport(reportFixture());
  const json = JSON.stringify(r);

  it('masks public addresses, keeping enough to tell them apart, the same way everywhere', () => {
    expect(r.diagnosis?.evidence.network.publicAddress).toBe('203.0.113.x (A)');
    expect(r.diagnosis?.verdict.tellFriends.text).toContain('203.0.113.x (A):25565');
    expect(r.diagnosis?.findings[0]?.explanation).toContain('198.51.100.x (C)');
    expect(r.listeners?.rows[1]?.address).toBe('2001:db8:x:x:x:x:x:x (B)');
    expect(json).not.toContain('203.0.113.77');
  });

  it('keeps LAN addresses, ports and system users: helpers need them', () => {
    expect(r.diagnosis?.evidence.network.lanAddress).toBe('192.168.1.23');
    expect(r.diagnosis?.evidence.network.gateway).toBe('192.168.1.1');
    expect(r.listeners?.rows[1]?.user).toBe('avahi');
    expect(r.listeners?.rows[0]?.port).toBe(25565);
  });

  it('reduces MACs to the vendor prefix and names to stable pseudonyms', () => {
    expect(r.diagnosis?.evidence.network.globalIpv6).toMatchObject({ detail: expect.stringContaining('router a4:83:e7:xx:xx:xx') });
    expect(r.computer).toEqual({ name: '[computer]', user: '[user-1]', home: '~' });
    expect(r.listeners?.rows[0]?.command).toBe('java -jar ~/mc/server.jar');
    expect(r.listeners?.rows[0]?.user).toBe('[user-1]');
    expect(r.diagnosis?.findings[0]?.explanation).toContain("[computer]'s firewall");
  });

  it('lists what it hid by kind and placeholder, never by value', () => {
    expect(r.redaction.applied).toBe(true);
    expect(new Set(r.redaction.placeholders.map((p) => p.kind))).toEqual(new Set(['public-address', 'mac', 'computer', 'user', 'home']));
    expect(JSON.stringify(r.redaction)).not.toMatch(/alice|gaming-rig|203\.0\.113\.77/);
  });

  it('hides the MAC inside a MAC-derived (EUI-64) IPv6 address the way it hides the MAC', () => {
    const rep = reportFixture();
    // Raspberry Pi b8:27:eb:dc:08:6b → interface ID ba27:ebff:fedc:86b (U/L bit flipped).
    rep.listeners!.rows[0]!.address = 'fe80::ba27:ebff:fedc:86b';
    // A locally administered MAC ae:1e:72:dc:08:6b → ac1e:72ff:fedc:86b: nothing of it is a maker.
    rep.listeners!.rows[1]!.address = 'fd00:1:2:3:ac1e:72ff:fedc:86b';
    const out = redactReport(rep);
    expect(out.listeners?.rows[0]?.address).toBe('fe80::ba27:ebff:fexx:xxxx');
    expect(out.listeners?.rows[1]?.address).toBe('fd00:1:2:3:xxxx:xxff:fexx:xxxx');
  });

  it('keeps LAN IPv6 addresses whose interface ID is not made from a MAC', () => {
    const rep = reportFixture();
    rep.listeners!.rows[0]!.address = 'fe80::1c2d:3e4f:5a6b:7c8d';
    expect(redactReport(rep).listeners?.rows[0]?.address).toBe('fe80::1c2d:3e4f:5a6b:7c8d');
  });

  it('learns other users from their home folders', () => {
    const rep = reportFixture();
    rep.listeners!.rows[1]!.command = 'C:\\Users\\Bob\\srv\\game.exe -port 7777';
    const out = redactReport(rep);
    expect(out.listeners?.rows[1]?.command).toBe('C:\\Users\\[user-2]\\srv\\game.exe -port 7777');
  });
});

// ── Property: no private value from the evidence appears in a redacted report, in any format ──

const octet = fc.integer({ min: 0, max: 255 });
const publicV4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), octet, octet, fc.integer({ min: 1, max: 254 }))
  .filter(([a, b]) => !(a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)))
  .map((o) => o.join('.'));
const hex = (min: number, max: number) => fc.integer({ min, max }).map((n) => n.toString(16));
const publicV6 = fc.tuple(hex(0x2000, 0x3fff), hex(0, 0xffff), hex(0, 0xffff), hex(1, 0xffff)).map(([a, b, c, d]) => `${a}:${b}:${c}::${d}`);
const mac = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':'));
// Names as people choose them; the prefix keeps them from being words the report itself uses.
const name = (prefix: string) => fc.stringMatching(/^[a-z][a-z0-9-]{2,10}[a-z0-9]$/).map((s) => `${prefix}${s}`);

/** Token-wise search written independently of the redactor: split on anything a name cannot hold. */
function containsToken(text: string, value: string): boolean {
  return text
    .toLowerCase()
    .split(/[^a-z0-9_-]+/)
    .includes(value.toLowerCase());
}
function containsAddress(text: string, value: string): boolean {
  let from = 0;
  for (;;) {
    const i = text.indexOf(value, from);
    if (i < 0) return false;
    const before = text[i - 1] ?? ' ';
    const after = text[i + value.length] ?? ' ';
    if (!/[0-9a-fA-F.:]/.test(before) && !/[0-9a-fA-F]/.test(after) && !(after === '.' && /\d/.test(text[i + value.length + 1] ?? ''))) return true;
    from = i + 1;
  }
}

describe('redaction property', () => {
  it('hides every private value in JSON, Markdown and HTML', () => {
    fc.assert(
      fc.property(publicV4, publicV4, publicV6, mac, name('pc'), name('u'), (v4, v4b, v6, m, computer, user) => {
        fc.pre(v4 !== v4b);
        const p: Privates = { publicV4: v4, otherPublicV4: v4b, publicV6: v6, mac: m, computer, user, home: `/home/${user}` };
        const rep = reportFixture(p);
        // The same MAC as a link-local address (modified EUI-64, built here by hand from the bytes).
        const b = m.split(':').map((x) => Number.parseInt(x, 16));
        const h = (n: number) => n.toString(16).padStart(2, '0');
        const iidTail = `${h(b[3]!)}:${h(b[4]!)}${h(b[5]!)}`;
        rep.listeners!.rows[0]!.address = `fe80::${h(b[0]! ^ 2)}${h(b[1]!)}:${h(b[2]!)}ff:fe${iidTail}`;
        const redacted = redactReport(rep);
        for (const format of REPORT_FORMATS) {
          const out = renderReport(redacted, format);
          for (const ip of [v4, v4b, v6]) expect(containsAddress(out, ip), `${ip} in ${format}`).toBe(false);
          expect(out.toLowerCase().includes(m), `${m} in ${format}`).toBe(false);
          expect(out.toLowerCase().includes(`fe${iidTail}`), `EUI-64 of ${m} in ${format}`).toBe(false);
          expect(containsToken(out, computer), `${computer} in ${format}`).toBe(false);
          expect(containsToken(out, user), `${user} in ${format}`).toBe(false);
          expect(out.includes(p.home), `${p.home} in ${format}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without redaction the same values are all there (the property can fail)', () => {
    const out = renderReport(reportFixture(DEFAULT_PRIVATES), 'md');
    expect(containsAddress(out, DEFAULT_PRIVATES.publicV4)).toBe(true);
    expect(containsToken(out, DEFAULT_PRIVATES.computer)).toBe(true);
    expect(containsToken(out, DEFAULT_PRIVATES.user)).toBe(true);
    expect(out.toLowerCase()).toContain(DEFAULT_PRIVATES.mac);
  });
});

describe('a listeners-only report', () => {
  it('shows the listeners as its main section, not folded', () => {
    const r = reportFixture();
    r.diagnosis = null;
    r.subject = { presetId: null, title: 'Listening programs' };
    const md = renderReport(r, 'md');
    expect(md).toContain('## Listening programs (2)');
    expect(md).not.toContain('<details>');
  });

  it('says why a program is not named in the Listeners page\'s words, not as a code', () => {
    const r = reportFixture();
    const row = r.listeners!.rows[1]!;
    r.listeners!.rows[1] = { ...row, pid: null, process: null, command: null, ownerUnknownReason: 'permission' };
    expect(renderReport(r, 'md')).toContain('Unknown (another user’s — run elevated to see)');
    r.listeners!.elevated = true;
    const md = renderReport(r, 'md');
    expect(md).toContain('Unknown (hidden by the system)');
    expect(md).not.toContain('unknown (permission)');
    expect(md).toContain('java (pid 4242)');
  });
});

describe('the exposure audit in a report', () => {
  it('lists what other devices can reach, risky ones with their fix, as the main section when alone', () => {
    const r = reportFixture();
    r.diagnosis = null;
    r.listeners = null;
    r.subject = { presetId: null, title: 'What this computer exposes' };
    r.audit = {
      items: [
        {
          protocol: 'tcp', family: 4, address: '0.0.0.0', port: 3306, exposure: 'all', pid: 77, process: 'mysqld', service: 'mysql',
          group: 'internet-if-forwarded', firewall: { state: 'allows' }, risk: null, flagged: true,
          advice: 'MySQL listens on every network and the firewall lets it in: bind it to 127.0.0.1, or add a rule.',
        },
      ],
      counts: { 'this-computer': 3, 'your-network': 0, 'internet-if-forwarded': 1 },
      flaggedCount: 1,
      firewall: { state: 'checked' },
      collectedAt: '2026-12-02T21:14:03.000Z',
    };
    const md = renderReport(r, 'md');
    expect(md).toContain('## What other devices can reach (1 known-risky exposed)');
    expect(md).toContain('| Your network and, if forwarded, the internet | 3306/tcp mysql | 0.0.0.0 | mysqld | the firewall lets it in | ⚠ MySQL listens on every network');
    expect(renderReport(r, 'html')).toContain('<td>⚠ MySQL listens on every network and the firewall lets it in: bind it to 127.0.0.1, or add a rule.</td>');
  });
});
