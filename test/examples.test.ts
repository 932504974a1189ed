import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { Job } from 'kubernetes-models/batch/v1';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from './support/cli.js';

const read = (path: string): Promise<string> => readFile(join(ROOT, path), 'utf8');

/** The pgparity command lines of an example, joined across `\` continuations and YAML folding. */
function pgparityArgs(text: string): string[][] {
  const joined = text.replace(/\\\n\s*/g, ' ').replace(/\n\s+(?=--)/g, ' ');
  return [...joined.matchAll(/pgparity(?:@\S+)? (check|merge) ([^\n;|&]*)/g)].map((m) => [m[1]!, ...m[2]!.trim().split(/\s+/)]);
}

describe('ready-made examples', () => {
  test('the GitHub Actions workflow is a valid workflow: a matrix of shards, a merge job that writes the summary', async () => {
    const text = await read('examples/github-actions/pgparity-fleet.yml');
    expect(validateWorkflow(text).errors).toEqual([]);
    const workflow = parseYaml(text) as { jobs: { scan: { strategy: { matrix: { shard: number[] } } }; merge: { needs: string; steps: { run?: string }[] } } };
    expect(workflow.jobs.scan.strategy.matrix.shard).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(workflow.jobs.merge.needs).toBe('scan');
    expect(workflow.jobs.merge.steps.some((s) => s.run?.includes('GITHUB_STEP_SUMMARY'))).toBe(true);
  });

  test('action.yml is a valid composite action that writes the Markdown report to the step summary', async () => {
    const text = await read('action.yml');
    expect(validateAction(text).errors).toEqual([]);
    const action = parseYaml(text) as { runs: { using: string; steps: { run: string }[] }; inputs: Record<string, unknown> };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['migrations', 'url', 'format', 'fail-on', 'version']);
    expect(action.runs.steps[0]!.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  test('the Kubernetes manifests are valid batch/v1 Jobs: an Indexed Job whose index gives --shard, and a merge Job', async () => {
    const docs = parseAllDocuments(await read('examples/kubernetes/pgparity-fleet.yaml')).map((d) => d.toJS() as ConstructorParameters<typeof Job>[0]);
    expect(docs).toHaveLength(2);
    for (const doc of docs) expect(() => new Job(doc).validate()).not.toThrow();
    const [scan, merge] = docs as {
      metadata: { name: string };
      spec: { completionMode?: string; completions?: number; template: { spec: { containers: { args: string[] }[] } } };
    }[];
    expect([scan!.metadata.name, scan!.spec.completionMode, scan!.spec.completions]).toEqual(['pgparity-scan', 'Indexed', 8]);
    expect(scan!.spec.template.spec.containers[0]!.args[0]).toContain('--shard $((JOB_COMPLETION_INDEX + 1))/8');
    expect(merge!.metadata.name).toBe('pgparity-merge');
  });

  test('every pgparity command line in the examples parses: its options exist', async () => {
    const lines = [
      ...pgparityArgs(await read('examples/github-actions/pgparity-fleet.yml')),
      ...pgparityArgs(await read('examples/kubernetes/pgparity-fleet.yaml')),
    ];
    expect(lines.map((l) => l[0])).toEqual(['check', 'merge', 'check', 'merge']);
    for (const args of lines) {
      // --help after the arguments: yargs checks the options without running anything.
      const r = await runCli([...args.map((a) => a.replace(/\$\{\{[^}]*\}\}|\$\(\([^)]*\)\)|\$[A-Z_]+/g, '1')), '--help']);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
    }
  });
});
