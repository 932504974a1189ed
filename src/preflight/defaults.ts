/** preflight's thresholds when not given; apart from commands/preflight.ts so `--help` shows them without loading the command. */
export const PREFLIGHT_DEFAULTS = { maxScanRows: 10_000_000, largeRows: 1_000_000, largeBytes: 1024 ** 3 } as const;
