/** What `audit:verify`'s main thread and its worker threads say to each other. */
/** A batch of units to verify: a page of device ids, `contiguous` when no unit of the page was left out. */
export interface BatchRequest {
  ids: string[];
  contiguous: boolean;
}

export interface BrokenUnit {
  deviceId: string;
  lifecycleId: string;
  seq: number;
  reason: string;
}

export interface BatchResult {
  checked: number;
  /** Units an incremental run found unmoved since their checkpoint (settled without a walk). */
  unmoved: number;
  hashed: number;
  incremental: number;
  broken: BrokenUnit[];
}

export type WorkerMessage = 'ready' | BatchResult | { error: string };
