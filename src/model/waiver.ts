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

/** Only the fields a waiver has, in the order waiver files and reports list them (nothing else an object carries). */
export function waiverFields(w: Waiver): Waiver {
  return {
    key: w.key,
    ...(w.change !== undefined && { change: w.change }),
    ...(w.kind !== undefined && { kind: w.kind }),
    ...(w.attribute !== undefined && { attribute: w.attribute }),
    reason: w.reason,
    owner: w.owner,
    expires: w.expires,
  };
}
