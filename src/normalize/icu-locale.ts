/**
 * An ICU locale as the BCP 47 language tag PostgreSQL 16 and later store for it. From 16,
 * `CREATE COLLATION … (provider = icu, locale = '@colNumeric=yes')` keeps `und-u-kn-true`;
 * 14 and 15 keep the text as written. The same collation created on both must compare equal,
 * so both sides are read as a tag: legacy keywords (`@colCaseFirst=lower;colNumeric=yes`)
 * become `-u-` keys with their BCP 47 values, `_` separators become `-`, subtags take their
 * case (`en_us` → `en-US`), the keys are sorted, a key without a value is `true`, and an empty
 * locale is `und` (all as the server does it). A locale this does not read (a private-use or
 * transform extension, an unknown keyword) is returned as it is.
 */
export function icuLanguageTag(locale: string): string {
  const at = locale.indexOf('@');
  const base = at < 0 ? locale : locale.slice(0, at);
  const keywords = new Map<string, string>();
  if (at >= 0) {
    for (const pair of locale.slice(at + 1).split(';')) {
      const match = /^\s*([A-Za-z]+)\s*=\s*([A-Za-z0-9-]+)\s*$/.exec(pair);
      const key = match ? LEGACY_KEYS[match[1]!.toLowerCase()] : undefined;
      if (!match || !key) return locale;
      const value = match[2]!.toLowerCase();
      keywords.set(key, LEGACY_VALUES[value] ?? value);
    }
  }
  const subtags = base === '' ? [] : base.split(/[-_]/);
  const parts: string[] = [];
  let i = 0;
  const language = subtags[i];
  if (language !== undefined && /^[A-Za-z]{2,8}$/.test(language)) {
    parts.push(language.toLowerCase());
    i++;
  } else parts.push('und');
  if (subtags[i] !== undefined && /^[A-Za-z]{4}$/.test(subtags[i]!)) {
    const script = subtags[i++]!;
    parts.push(script[0]!.toUpperCase() + script.slice(1).toLowerCase());
  }
  if (subtags[i] !== undefined && /^([A-Za-z]{2}|[0-9]{3})$/.test(subtags[i]!)) parts.push(subtags[i++]!.toUpperCase());
  while (subtags[i] !== undefined && /^([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3})$/.test(subtags[i]!)) parts.push(subtags[i++]!.toLowerCase());
  if (subtags[i]?.toLowerCase() === 'u') {
    i++;
    while (i < subtags.length) {
      const key = subtags[i++]!.toLowerCase();
      if (!/^[a-z0-9][a-z]$/.test(key)) return locale;
      const values: string[] = [];
      while (i < subtags.length && /^[A-Za-z0-9]{3,8}$/.test(subtags[i]!)) values.push(subtags[i++]!.toLowerCase());
      keywords.set(key, values.length > 0 ? values.join('-') : 'true');
    }
  }
  if (i < subtags.length) return locale;
  const keys = [...keywords.keys()].sort();
  return keys.length === 0 ? parts.join('-') : `${parts.join('-')}-u-${keys.map((k) => `${k}-${keywords.get(k)}`).join('-')}`;
}

/** ICU's legacy collation keywords and their BCP 47 keys (lower-cased: ICU reads them in any case). */
const LEGACY_KEYS: Readonly<Record<string, string>> = {
  colalternate: 'ka',
  colbackwards: 'kb',
  colcaselevel: 'kc',
  colcasefirst: 'kf',
  colhiraganaquaternary: 'kh',
  colnormalization: 'kk',
  colnumeric: 'kn',
  colreorder: 'kr',
  colstrength: 'ks',
  variabletop: 'vt',
  collation: 'co',
  calendar: 'ca',
  numbers: 'nu',
};

/** Legacy values whose BCP 47 spelling differs. */
const LEGACY_VALUES: Readonly<Record<string, string>> = {
  yes: 'true',
  no: 'false',
  primary: 'level1',
  secondary: 'level2',
  tertiary: 'level3',
  quaternary: 'level4',
  identical: 'identic',
  'non-ignorable': 'noignore',
  phonebook: 'phonebk',
  dictionary: 'dict',
  traditional: 'trad',
  gb2312han: 'gb2312',
};
