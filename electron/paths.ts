// Where the built renderer lives, for the serve transport and the app:// protocol alike.
import path from 'node:path';

/**
 * Bundles sit in dist/<part>/, so the renderer is ../renderer from them. Unbundled (tests) we are
 * run from the repository root. PD_RENDERER_DIR overrides both for unusual layouts.
 */
export function rendererDir(): string {
  if (process.env.PD_RENDERER_DIR) return path.resolve(process.env.PD_RENDERER_DIR);
  if (typeof __dirname === 'string' && path.basename(path.dirname(__dirname)) === 'dist') {
    return path.resolve(__dirname, '..', 'renderer');
  }
  return path.resolve(process.cwd(), 'dist', 'renderer');
}
