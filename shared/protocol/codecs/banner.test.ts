import { describe, expect, it } from 'vitest';
import { classifyBanner } from './banner';

const t = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('classifyBanner', () => {
  it('recognises an SSH identification string (RFC 4253 §4.2)', () => {
    expect(classifyBanner(t('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'))).toEqual({ kind: 'banner', protocol: 'ssh', text: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' });
  });
  it('recognises an HTTP status line (RFC 9112 §4)', () => {
    expect(classifyBanner(t('HTTP/1.1 200 OK\r\nServer: x\r\n\r\n'))).toEqual({ kind: 'banner', protocol: 'http', text: 'HTTP/1.1 200 OK' });
  });
  it('keeps other banners as unknown, without control characters, at most 200 characters', () => {
    const b = classifyBanner(t(`220 \u001b[31mftp${'x'.repeat(500)}\n`));
    expect(b.protocol).toBe('unknown');
    expect(b.text.includes('\u001b')).toBe(false);
    expect(b.text.length).toBe(200);
  });
});
