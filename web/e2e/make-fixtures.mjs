// Builds the mock server's data set from the real engine's output, so the
// mock answers in the shapes newsloom itself writes:
//
//   node web/e2e/make-fixtures.mjs --newsloom build/newsloom \
//       --inputs demo/articles --out web/e2e/fixtures/demo.json
//   node web/e2e/make-fixtures.mjs --newsloom build/newsloom --db seeds.db --out /tmp/seeds.json
//
// With --inputs it ingests them (with --annotate) into a temporary store;
// with --db it reads an existing one. It runs `stories --json`, and per
// story `show N --json` (StoryJson with annotations), `report N --format
// json` (ReportJson) and per article `show ID --json`
// (ArticleWithCopiesJson with annotations), and writes
// {"stories":[{"story","report"}],"articles":{ID: ARTICLE}}.
//
// Only fixtures made from corpora we wrote (demo/) are checked in; the
// seeds are third-party text and are turned into fixtures at test time.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';

export function makeFixtures({newsloom, db}) {
  const run = (...args) => execFileSync(newsloom, [...args, '--db', db],
                                        {encoding: 'utf8', maxBuffer: 1 << 28});
  const list = JSON.parse(run('stories', '--json', '--limit', '0'));
  const stories = [];
  const articles = {};
  for (const item of list.stories) {
    const story = JSON.parse(run('show', String(item.id), '--json'));
    const report = JSON.parse(run('report', String(item.id), '--format', 'json'));
    stories.push({story, report});
    for (const e of story.events || []) {
      for (const a of e.articles || []) {
        const full = JSON.parse(run('show', a.id, '--json'));
        full.story = story.id;
        articles[a.id] = full;
      }
    }
  }
  return {stories, articles};
}

function main() {
  const {values} = parseArgs({options: {
    newsloom: {type: 'string'},
    inputs: {type: 'string', multiple: true},
    db: {type: 'string'},
    out: {type: 'string'},
  }});
  if (!values.newsloom || !values.out || !(values.inputs || values.db)) {
    console.error('usage: make-fixtures.mjs --newsloom BIN (--inputs PATH... | --db STORE) --out FILE');
    process.exit(1);
  }
  let dir = null;
  let db = values.db;
  if (!db) {
    dir = mkdtempSync(join(tmpdir(), 'newsloom-fixtures-'));
    db = join(dir, 'fixtures.db');
    execFileSync(values.newsloom, ['ingest', ...values.inputs, '--db', db, '--annotate', '-q'],
                 {stdio: 'inherit'});
  }
  try {
    const data = makeFixtures({newsloom: values.newsloom, db});
    writeFileSync(values.out, JSON.stringify(data) + '\n');
    console.log(`${values.out}: ${data.stories.length} stories, ${Object.keys(data.articles).length} articles`);
  } finally {
    if (dir) rmSync(dir, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
