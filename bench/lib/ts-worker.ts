import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread running a TypeScript module. A worker does not inherit tsx's loader in
 * Node 20, so the worker registers it first, then loads the file.
 */
export function startTsWorker(file: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
