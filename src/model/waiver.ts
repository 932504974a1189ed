import type { Change, FindingKind } from './finding.js';

/** Why a difference is accepted, who answers for it, and until when (`YYYY-MM-DD`, UTC). */
export interface WaiverTerms {
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
}

/**
 * One entry of a waiver file: accepted drift, named by finding key and, to be precise,
 * by change / kind / attribute. It waives every finding it matches until `expires`.
 */
export interface Waiver extends WaiverTerms {
  readonly key: string;
  readonly change?: Change;
  readonly kind?: FindingKind;
  readonly attribute?: string;
}
