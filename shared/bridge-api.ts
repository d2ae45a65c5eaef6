// The renderer-facing API type, derived from the contract: one named method per invoke channel,
// one `on…` subscription per event channel. Both the preload and the WebSocket client implement it.
import type { EventName, InvokeName, PayloadOf, RequestOf, ResponseOf } from './contract';
import type { Result } from './result';

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${Camel<D>}${Capitalize<Camel<V>>}` : never;
export type SubscriptionName<E extends string> = `on${Capitalize<MethodName<E>>}`;

export type Unsubscribe = () => void;

export type BridgeApi = {
  [C in InvokeName as MethodName<C>]: (input: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  [E in EventName as SubscriptionName<E>]: (listener: (payload: PayloadOf<E>) => void) => Unsubscribe;
};

/** The global the preload defines in Electron (absent in a browser under `port-doctor serve`). */
export const BRIDGE_GLOBAL = 'portDoctor';
