'use strict';
// The JSON Schema of the tree document (profiling-core's tree.schema.json): every tree a page
// is given here, from a fixture, the fake endpoint or the app, is checked against it first.

const fs = require('node:fs');
const path = require('node:path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const { RESOURCES } = require('./pages');

const SCHEMA_PATH = path.join(RESOURCES, 'tree.schema.json');
// Tree documents written by the core's TreeJson, kept by its tests for every reader to read.
const DOCUMENTS = path.join(__dirname, '..', '..', 'profiling-core', 'src', 'test', 'resources', 'io', 'github', 'profiling', 'export', 'tree-documents');

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')));

/** What is wrong with `doc` by the schema, one line per fault; empty when it is valid. */
function treeErrors(doc) {
  return validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Throws unless `doc` is a valid tree document; `source` says where it came from. */
function assertValidTree(doc, source = 'tree document') {
  const errors = treeErrors(doc);
  if (errors.length > 0) throw new Error(`${source} is not a valid tree document:\n  ${errors.join('\n  ')}`);
  return doc;
}

/** The kept tree documents, by name (sampled, traced, empty, hint, truncated). */
function keptDocuments() {
  return Object.fromEntries(fs.readdirSync(DOCUMENTS).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [path.basename(f, '.json'), JSON.parse(fs.readFileSync(path.join(DOCUMENTS, f), 'utf8'))]));
}

module.exports = { treeErrors, assertValidTree, keptDocuments, SCHEMA_PATH };
