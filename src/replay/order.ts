/**
 * Migration names sort the way people number them: digit runs compare as numbers
 * (`2_x` before `10_x`), everything else by code point. Flyway names compare by
 * their dotted version first, so `V1__a` comes before `V1_1__b` and `V1.10__c`.
 */
export function compareMigrationNames(a: string, b: string): number {
  const flywayA = flywayVersion(a);
  const flywayB = flywayVersion(b);
  if (flywayA && flywayB) {
    const byVersion = compareNumberLists(flywayA, flywayB);
    if (byVersion !== 0) return byVersion;
  }
  if (DASHED_VERSION.test(a) || DASHED_VERSION.test(b)) {
    const [versionA, versionB] = [undashedVersion(a), undashedVersion(b)];
    const byVersion = versionA !== undefined && versionB !== undefined ? compareDigits(versionA, versionB) : 0;
    if (byVersion !== 0) return byVersion;
  }
  return compareNatural(a, b) || compareCodePoints(a, b);
}

/** Diesel's `2017-08-31-230457_name`: its version is the part before `_` without the dashes. */
const DASHED_VERSION = /^\d+(?:-\d+)+_/;

/** `2017-08-31-230457_x` → `20170831230457`, `20140924113530_x` → `20140924113530`. */
function undashedVersion(name: string): string | undefined {
  return /^\d+(?:-\d+)*(?=_)/.exec(name)?.[0].replace(/-/g, '');
}

/** `V1_2__add.sql` → ['1', '2']; undefined for anything that is not a Flyway versioned name. */
export function flywayVersion(name: string): string[] | undefined {
  const match = /^V(\d+(?:[._]\d+)*)__/.exec(name);
  return match ? match[1]!.split(/[._]/) : undefined;
}

/** The version a migration name starts with: Flyway's dotted version, or its leading digits. */
export function leadingVersion(name: string): string[] | undefined {
  const leadingDigits = /^\d+/.exec(name);
  return flywayVersion(name) ?? (leadingDigits ? [leadingDigits[0]] : undefined);
}

export function compareNumberLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const byNumber = compareDigits(a[i]!, b[i]!);
    if (byNumber !== 0) return byNumber;
  }
  return a.length - b.length;
}

function compareNatural(a: string, b: string): number {
  const partsA = a.match(/\d+|\D+/g) ?? [];
  const partsB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const x = partsA[i]!;
    const y = partsB[i]!;
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    const order = bothDigits ? compareDigits(x, y) : compareCodePoints(x, y);
    if (order !== 0) return order;
  }
  return partsA.length - partsB.length;
}

/** Compare digit strings as numbers of any length (timestamps overflow nothing this way). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || compareCodePoints(x, y);
}

export function compareCodePoints(a: string, b: string): number {
  // `<` on strings compares UTF-16 units, which misorders astral characters; names are rarely astral, but be exact.
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const diff = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return x.length - y.length;
}
