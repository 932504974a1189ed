import { expect, test } from 'vitest';
import { icuLanguageTag } from './icu-locale.js';

// What PostgreSQL 18 stored in pg_collation.colllocale for `CREATE COLLATION … (provider = icu, locale = …)`.
test.each([
  ['@colCaseFirst=lower;colNumeric=yes', 'und-u-kf-lower-kn-true'],
  ['en_US', 'en-US'],
  ['de_DE@collation=phonebook', 'de-DE-u-co-phonebk'],
  ['@colStrength=secondary', 'und-u-ks-level2'],
  ['und-u-kn', 'und-u-kn-true'],
  ['und-u-kn-true', 'und-u-kn-true'],
  ['EN-us', 'en-US'],
  ['en-US-u-ks-level2', 'en-US-u-ks-level2'],
  ['sr_Latn_RS', 'sr-Latn-RS'],
  ['', 'und'],
  ['root', 'root'],
  ['@colStrength=primary;colCaseLevel=yes', 'und-u-kc-true-ks-level1'],
  ['en@colNumeric=no', 'en-u-kn-false'],
  ['und-u-ks-level1-kc-true', 'und-u-kc-true-ks-level1'],
  ['zh@collation=pinyin', 'zh-u-co-pinyin'],
  ['und@colAlternate=shifted', 'und-u-ka-shifted'],
])('%j is stored as %j', (written, stored) => {
  expect(icuLanguageTag(written)).toBe(stored);
  expect(icuLanguageTag(stored)).toBe(stored);
});

test('another locale or setting stays another tag; what it cannot read stays as written', () => {
  expect(icuLanguageTag('@colNumeric=yes')).not.toBe(icuLanguageTag('@colNumeric=no'));
  expect(icuLanguageTag('de_DE')).not.toBe(icuLanguageTag('de_AT'));
  expect(icuLanguageTag('@colStrength=secondary')).not.toBe(icuLanguageTag('@colStrength=tertiary'));
  expect(icuLanguageTag('en-x-private')).toBe('en-x-private');
  expect(icuLanguageTag('@someKeyword=1')).toBe('@someKeyword=1');
});
