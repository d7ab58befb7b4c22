'use strict';
/*
 * Validates JSON reports of `sovereign check` against the JSON Schema
 * published in docs/report-json.md (section 7, draft 2020-12), with Ajv:
 * the documentation and the output must agree. A file may hold one report
 * or an array of them.
 *
 * usage: node validate-json.js DOC.md FILE...
 * Exits 0 when every report is valid, 1 otherwise, 2 on bad usage.
 */
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');

function schemaFrom(markdown) {
  const at = markdown.indexOf('## 7. JSON Schema');
  const open = markdown.indexOf('```json\n', at);
  const close = markdown.indexOf('\n```', open + 8);
  if (at < 0 || open < 0 || close < 0)
    throw new Error('no JSON Schema block in section 7');
  return JSON.parse(markdown.slice(open + 8, close));
}

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: node validate-json.js DOC.md FILE...');
  process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schemaFrom(fs.readFileSync(args[0], 'utf8')));
let fail = 0;
for (const file of args.slice(1)) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const reports = Array.isArray(data) ? data : [data];
  const bad = reports.filter((r) => !validate(r));
  if (bad.length === 0) {
    console.log(`ok - ${file}: ${reports.length} report(s) match the schema`);
    continue;
  }
  fail = 1;
  console.log(`not ok - ${file}`);
  validate(bad[0]);
  for (const e of validate.errors)
    console.log(`  ${e.instancePath || '/'} ${e.message}`);
}
process.exit(fail);
