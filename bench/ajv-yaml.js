#!/usr/bin/env node
// Validate YAML files against one JSON Schema 2020-12 with Ajv + ajv-formats, as
// `ajv validate --spec=draft2020 -c ajv-formats -s SCHEMA -d FILES` does, except that YAML is
// read with js-yaml's CORE_SCHEMA, so `raised: 2024-02-21` stays a string.
//
// Why: ajv-cli 5.0.0 (the latest release) parses YAML with js-yaml 3 `safeLoad`, whose default
// schema turns unquoted dates into JavaScript Date objects, so every record fails
// `type: string` (ajv-cli issue #122). The fix (ajv-cli PR #124, "Read yaml files with
// CORE_SCHEMA") was merged but never released. This is that fix, driving the same Ajv, the same
// ajv-formats and the same js-yaml that ajv-cli installs.
//
// usage: NODE_PATH=PREFIX/node_modules node ajv-yaml.js SCHEMA LISTFILE
//   LISTFILE: one data file path per line. Prints "<file> valid" / "<file> invalid" + errors
//   like ajv-cli; exit 0 when all are valid, 1 otherwise.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");
const yaml = require("js-yaml");

const [schemaPath, listPath] = process.argv.slice(2);
if (!schemaPath || !listPath) {
  console.error("usage: ajv-yaml.js SCHEMA LISTFILE");
  process.exit(2);
}
const ajv = new Ajv2020();
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
const files = fs.readFileSync(listPath, "utf8").split("\n").filter(Boolean);
let ok = true;
const out = [];
for (const file of files) {
  let data;
  try {
    data = yaml.load(fs.readFileSync(file, "utf8"), { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (e) {
    console.error(`${file} invalid\n${e.message}`);
    ok = false;
    continue;
  }
  if (validate(data)) {
    out.push(`${file} valid`);
  } else {
    ok = false;
    console.error(`${file} invalid\n${ajv.errorsText(validate.errors)}`);
  }
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
process.exit(ok ? 0 : 1);
