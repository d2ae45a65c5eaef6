// Who made a network card, from its MAC: the U/L and I/G bits of the first byte, and the maker's
// name in the IEEE registry (the `oui-data` package, read in mac-vendor.worker.ts).
import type { MacKind } from '../../../shared/network/facts';

/** The registry's own names that name no maker: a block the IEEE re-sells in parts, or a buyer who paid to stay unnamed. */
const NOT_A_MAKER = new Set(['IEEE Registration Authority', 'Private']);

/** `aa:bb:cc:dd:ee:ff`, `AA-BB-…` or `aabb.ccdd.eeff` → 12 upper-case hex digits, or null for anything else. */
export function macHex(mac: string): string | null {
  const hex = mac.replace(/[:.-]/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(hex) ? hex : null;
}

/** IEEE 802: bit 0 of the first byte marks a group (multicast) address, bit 1 one administered locally. */
export function macKind(mac: string): MacKind | null {
  const hex = macHex(mac);
  if (!hex) return null;
  const first = Number.parseInt(hex.slice(0, 2), 16);
  if (first & 0x01) return 'group';
  return first & 0x02 ? 'local' : 'universal';
}

/**
 * The maker registered for a universal MAC. MA-S (36-bit) and MA-M (28-bit) blocks are parts of
 * MA-L prefixes the IEEE itself holds, so the longest prefix wins. Each registry value is the
 * organisation's name, then its postal address, one per line; only the name is wanted.
 */
export function lookupVendor(registry: Readonly<Record<string, string>>, mac: string): string | null {
  const hex = macHex(mac);
  if (!hex || macKind(hex) !== 'universal') return null;
  const own = (key: string) => (Object.hasOwn(registry, key) ? registry[key] : undefined);
  const entry = own(hex.slice(0, 9)) ?? own(hex.slice(0, 7)) ?? own(hex.slice(0, 6));
  const name = entry?.split('\n')[0]?.trim();
  return name && !NOT_A_MAKER.has(name) ? name : null;
}
