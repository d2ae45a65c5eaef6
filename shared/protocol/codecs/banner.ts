// Generic banner read: what the first line a service sends says about it (SSH, HTTP, other).
import type { ServiceInfo } from '../../channels/probe';
import { printable } from './bytes';

/** Sent to a service that stays silent: any HTTP server answers it, and it changes nothing. */
export const HTTP_PROBE = new TextEncoder().encode('HEAD / HTTP/1.0\r\n\r\n');

export function classifyBanner(bytes: Uint8Array): ServiceInfo & { kind: 'banner' } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024));
  const firstLine = printable(text.split(/\r?\n/, 1)[0] ?? '');
  const protocol = /^SSH-\d+\.\d+-/.test(firstLine) ? 'ssh' : /^HTTP\/\d(\.\d)? \d{3}/.test(firstLine) ? 'http' : 'unknown';
  return { kind: 'banner', protocol, text: firstLine };
}
