'use strict';
/*
 * Validates SARIF logs against the SARIF 2.1.0 JSON schema (the final,
 * rtm.5, edition, as shipped in the npm package @microsoft/jest-sarif)
 * with Ajv (JSON Schema draft-04, formats checked), then checks what the
 * schema cannot: every result's ruleIndex names the rule of its ruleId.
 *
 * Two defects of the published schema stop a strict validator from
 * compiling it, so they are corrected in memory when present:
 * - definitions.region lists "anyOf" under "properties"; it is moved up to
 *   the region itself, where the specification means it to be (a region
 *   has a startLine, a charOffset or a byteOffset);
 * - "language" patterns starting with "(?i)", which JavaScript regular
 *   expressions do not know, are compiled with the "i" flag, and one
 *   with a stray "]" is compiled without Unicode mode.
 *
 * usage: node validate-sarif.js SCHEMA FILE...
 * Exits 0 when every file is valid, 1 otherwise, 2 on bad usage.
 */
const fs = require('fs');
const path = require('path');
const AjvDraft04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

function regExp(pattern, flags) {
  let f = flags || '';
  if (pattern.startsWith('^(?i)')) {
    pattern = '^' + pattern.slice(5);
    f += 'i';
  }
  try {
    return new RegExp(pattern, f);
  } catch (e) {
    // The rtm.5 "language" pattern has a stray "]" that only the Unicode
    // mode rejects; without it the pattern means what the schema says.
    return new RegExp(pattern, f.replace('u', ''));
  }
}
regExp.code = 'sarifRegExp';

function loadSchema(file) {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  const region = schema.definitions && schema.definitions.region;
  if (region && region.properties && Array.isArray(region.properties.anyOf)) {
    region.anyOf = region.properties.anyOf;
    delete region.properties.anyOf;
  }
  return schema;
}

function ruleErrors(log) {
  const errors = [];
  (log.runs || []).forEach((run, r) => {
    const rules = (run.tool.driver.rules || []);
    (run.results || []).forEach((res, i) => {
      const where = `runs[${r}].results[${i}]`;
      if (res.ruleIndex === undefined)
        return;
      const rule = rules[res.ruleIndex];
      if (!rule)
        errors.push(`${where}: ruleIndex ${res.ruleIndex} names no rule`);
      else if (res.ruleId !== undefined && rule.id !== res.ruleId)
        errors.push(`${where}: ruleId ${res.ruleId} but rules[` +
          `${res.ruleIndex}] is ${rule.id}`);
    });
  });
  return errors;
}

function main(argv) {
  if (argv.length < 2) {
    console.error('usage: node validate-sarif.js SCHEMA FILE...');
    return 2;
  }
  const ajv = new AjvDraft04({ strict: false, allErrors: true,
    code: { regExp } });
  addFormats(ajv);
  const validate = ajv.compile(loadSchema(argv[0]));
  let failed = 0;
  for (const file of argv.slice(1)) {
    let log;
    try {
      log = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      console.log(`not ok - ${file}: ${e.message}`);
      failed++;
      continue;
    }
    const errors = [];
    if (!validate(log))
      for (const e of validate.errors)
        errors.push(`${e.instancePath || '/'} ${e.message}`);
    else
      errors.push(...ruleErrors(log));
    if (errors.length) {
      console.log(`not ok - ${path.basename(file)}`);
      for (const e of errors)
        console.log(`  ${e}`);
      failed++;
    } else {
      console.log(`ok - ${path.basename(file)} is valid SARIF 2.1.0`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
