// What the app's thread and the listeners worker say to each other.
import type { Listener } from '../../../../shared/channels/listeners';
import type { ErrorCode } from '../../../../shared/errors';
import type { ListenerFilter } from '../rows';
import type { LinuxSeams } from './engine';

export interface EngineWorkerData {
  seams: LinuxSeams;
}

export interface EngineRequest {
  id: number;
  filter: ListenerFilter;
}

export type EngineReply = { id: number; rows: Listener[] } | { id: number; error: { code: ErrorCode; detail: string | null } };
