// Every BPMN file named on the command line, checked by bpmn.io's own tools:
// bpmn-moddle parses it with zero warnings, and bpmnlint with its
// `recommended` rules reports no error and no warning. Exit 1 on any finding.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE.bpmn...');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const xml = await readFile(file, 'utf8');
  const problems = [];
  let root;
  try {
    const parsed = await new BpmnModdle().fromXML(xml);
    root = parsed.rootElement;
    for (const w of parsed.warnings) problems.push(`bpmn-moddle: ${w.message}`);
  } catch (error) {
    problems.push(`bpmn-moddle: ${error.message}`);
  }
  if (root) {
    // A linter per file: some rules keep what they saw between runs.
    const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
    const reports = await linter.lint(root);
    for (const [rule, findings] of Object.entries(reports)) {
      for (const f of findings) problems.push(`bpmnlint ${f.category} ${rule}: ${f.id}: ${f.message}`);
    }
  }
  if (problems.length > 0) {
    failed++;
    console.log(`FAIL ${file}`);
    for (const p of problems) console.log(`  ${p}`);
  }
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
