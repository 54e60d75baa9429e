// Makes a large site from the default content, for measuring search at
// scale: the content itself plus N copies of it in sub-folders (without the
// questionnaires, which exist once per site; links to them are pointed at
// the originals). Usage: node make-corpus.mjs CONTENT OUT [COPIES]
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

const [from, to, copies = "9"] = process.argv.slice(2);
if (!from || !to) throw new Error("usage: node make-corpus.mjs CONTENT OUT [COPIES]");
const skipped = /^(site\.yaml|zelfevaluaties|templates|static|i18n)(\/|$)/;

async function markdownFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : [])),
  );
  return nested.flat();
}

await rm(to, { recursive: true, force: true });
await cp(from, to, { recursive: true });
for (let i = 1; i <= Number(copies); i += 1) {
  const dir = join(to, `kopie-${i}`);
  await cp(from, dir, { recursive: true, filter: (src) => !skipped.test(relative(from, src)) });
  for (const file of await markdownFiles(dir)) {
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/((?:\.\.\/)*)zelfevaluaties\//g, "../$1zelfevaluaties/"));
  }
}
