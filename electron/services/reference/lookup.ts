// The port reference with this computer's sockets: parses the question, reads the listeners once,
// and hands both to the pure lookup. Shared by the ports:lookup handler and `port-doctor port`.
import type { ListenersListResponse } from '../../../shared/channels/listeners';
import type { PortsLookupResponse } from '../../../shared/channels/ports';
import { AppError } from '../../../shared/errors';
import { parsePortQuery } from '../../../shared/ports/query';
import { lookupPorts, type ListeningInput } from '../../../shared/ports/reference';

export interface ReferenceDeps {
  /** Reads this computer's sockets (the listeners service); its failure is reported, not thrown. */
  listListeners(): Promise<ListenersListResponse>;
}

/** Throws AppError INVALID_INPUT with the parser's sentence as detail when the question is malformed. */
export async function lookupReference(text: string, deps: ReferenceDeps): Promise<PortsLookupResponse> {
  const parsed = parsePortQuery(text);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message);
  let listening: ListeningInput;
  try {
    const { listeners, collectedAt } = await deps.listListeners();
    listening = { state: 'yes', collectedAt, rows: listeners };
  } catch (e) {
    // The reference is still worth reading without the socket table; say why that part is missing.
    const reason = e instanceof AppError ? e.message : 'the socket table could not be read';
    listening = { state: 'not-checked', reason };
  }
  return lookupPorts(parsed.query, listening);
}
