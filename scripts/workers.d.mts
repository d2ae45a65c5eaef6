export declare const WORKERS: ReadonlyArray<{ entry: string; file: string }>;
export declare function buildWorkers(root: string, outdir: string, options?: Record<string, unknown>): Promise<void>;
