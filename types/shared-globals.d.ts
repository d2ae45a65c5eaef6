// Globals shared/ may use because every runtime it runs in (Node, Chromium, Electron) has them.
// Only tsconfig.shared.json includes this: ES2023's lib lacks the WHATWG text codecs, and the DOM
// lib would admit the rest of the DOM, which shared/ must not touch.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
