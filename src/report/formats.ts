/** Every report format, as `--format` and the config file's `format` accept them. */
export const REPORT_FORMATS = ['text', 'json', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
