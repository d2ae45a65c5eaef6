// Why a test listener could not open: the port is held, or binding it needs more rights.

export type OpenFailure = 'in-use' | 'denied';

export function openFailureOf(e: unknown): OpenFailure | null {
  const code = e instanceof Error && 'code' in e ? e.code : undefined;
  if (code === 'EADDRINUSE') return 'in-use';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return null;
}

/** Dual-stack `::` where the system has IPv6, else 0.0.0.0. */
export function fallsBackToV4(e: unknown): boolean {
  const code = e instanceof Error && 'code' in e ? e.code : undefined;
  return code === 'EAFNOSUPPORT' || code === 'EADDRNOTAVAIL';
}
