import { describe, expect, test } from 'vitest';
import { keepsEveryValue } from './rehearse-loss.js';

describe('keepsEveryValue', () => {
  test.each([
    ['integer', 'bigint', true],
    ['smallint', 'integer', true],
    ['bigint', 'integer', false],
    ['integer', 'numeric', true],
    ['integer', 'numeric(12,0)', true],
    ['bigint', 'numeric(12,0)', false],
    ['character varying(20)', 'text', true],
    ['character varying(20)', 'character varying(40)', true],
    ['character varying(40)', 'character varying(20)', false],
    ['text', 'character varying(20)', false],
    ['text', 'character varying', true],
    ['numeric(12,2)', 'numeric(14,2)', true],
    ['numeric(12,2)', 'numeric(12,0)', false],
    ['numeric(12,2)', 'numeric', true],
    ['numeric', 'numeric(12,2)', false],
    ['real', 'double precision', true],
    ['timestamp(3) without time zone', 'timestamp(3) with time zone', true],
    ['timestamp with time zone', 'date', false],
    ['text', 'integer', false],
  ] as const)('%s → %s: %s', (from, to, keeps) => {
    expect(keepsEveryValue(from, to)).toBe(keeps);
  });
});
