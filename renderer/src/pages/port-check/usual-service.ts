// What a port is usually for, from the port registry loaded on first use: its IANA table is about
// 200 KB, far too much for the first screen, and only the port check's Service column needs it here.
import { useEffect, useState } from 'react';
import type { ServiceInfo, TransportProtocol } from '../../../../shared/ports/index';

export type ServiceFor = (port: number, protocol: TransportProtocol) => ServiceInfo | null;

let loading: Promise<ServiceFor | null> | null = null;

function loadServiceFor(): Promise<ServiceFor | null> {
  loading ??= import('../../../../shared/ports/index').then(
    (m) => m.serviceFor,
    // The chunk comes from the app itself, so this only fails if the install is damaged; the
    // column then shows what answered and no usual names, and the next page load tries again.
    () => null,
  );
  return loading;
}

/** The registry lookup once its chunk is loaded (asked for only when `wanted`); null until then. */
export function useServiceFor(wanted: boolean): ServiceFor | null {
  const [lookup, setLookup] = useState<ServiceFor | null>(null);
  useEffect(() => {
    if (!wanted || lookup) return;
    let live = true;
    void loadServiceFor().then((fn) => {
      if (live && fn) setLookup(() => fn);
    });
    return () => {
      live = false;
    };
  }, [wanted, lookup]);
  return lookup;
}
