import type { SequenceObject } from '../model/objects.js';
import { defineReader } from './reader.js';
import { objectKey } from '../model/keys.js';

interface SequenceRow {
  readonly schema: string;
  readonly name: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  readonly owned_by: [string, string, string] | null;
  readonly comment: string | null;
}

export const sequenceReader = defineReader<SequenceRow>('sequences', (row): SequenceObject => ({
  kind: 'sequence',
  key: objectKey(row.schema, row.name),
  schema: row.schema,
  name: row.name,
  type: row.type,
  start: row.start,
  increment: row.increment,
  min: row.min,
  max: row.max,
  cache: row.cache,
  cycle: row.cycle,
  ownedBy: row.owned_by && objectKey(...row.owned_by),
  comment: row.comment,
}));
