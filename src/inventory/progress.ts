/** Progress events of an inventory build; the CLI renders them on a TTY, tests may record them. */
export interface ProgressSink {
  layerStart(index: number, total: number, size: number | undefined): void;
  bytes(n: number): void;
  layerDone(index: number, cached: boolean): void;
}

export const NO_PROGRESS: ProgressSink = {
  layerStart: () => undefined,
  bytes: () => undefined,
  layerDone: () => undefined,
};
