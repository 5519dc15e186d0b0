import { Command, Option } from "commander";
import { openDatabase } from "../../store/db.js";
import { filingHistory } from "../../store/history.js";
import { findDocument, notFound, referenceHelp } from "../../store/read.js";
import { dbOption } from "../options.js";
import { summarize } from "../summary.js";

export function showCommand(): Command {
  return new Command("show")
    .description("Show one stored filing: a readable summary with its filing, version and other renderings, or with --json its record (as pia extract --json gives it).")
    .argument("<ref>", referenceHelp())
    .addOption(dbOption())
    .addOption(new Option("--json", "print the stored record"))
    .addHelpText(
      "after",
      `
A filing (its id or key) shows its current version's record; doc:ID, a sha256 or a path shows
that document.

Examples:
  pia show 3
  pia show doc:7 --json
  pia show fixtures/seeds/001_2bd5f50bba1c40a6.txt`,
    )
    .action((reference: string, options: { db: string; json?: boolean }) => {
      const db = openDatabase(options.db, { readonly: true });
      try {
        const stored = findDocument(db, reference);
        if (!stored) {
          process.stderr.write(`${notFound(db, reference)} in ${options.db}\n`);
          process.exitCode = 1;
          return;
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(stored.record, null, 2)}\n`);
          return;
        }
        const history = filingHistory(db, `doc:${stored.id}`)!;
        const version = history.versions.find((v) => v.id === stored.versionId)!;
        const others = version.documents.filter((d) => d.id !== stored.id);
        const here = version.documents.find((d) => d.id === stored.id)!;
        const lines = [
          `  filing        #${history.filing.id} ${history.filing.key}${history.withdrawnAt ? ` — withdrawn since ${history.withdrawnAt}` : ""}`,
          `  version       ${version.number} of ${history.versions.length}${version.publishedOn ? `, published ${version.publishedOn}` : ""}${version.current ? " (current)" : ""}`,
          `  document      doc:${stored.id}, ${stored.format}, imported ${stored.importedAt}, sha256 ${stored.sha256.slice(0, 12)}…${here.chosen ? " — the version's record" : ` — the version's record is doc:${version.documentId}`}`,
          ...here.sources.map((s) => `  seen at       ${s.source} (${s.firstSeen}${s.lastSeen !== s.firstSeen ? ` … ${s.lastSeen}` : ""})`),
          ...others.map((d) => `  rendering     doc:${d.id}, ${d.format}, ${d.warnings} warnings, ${d.sources[0]?.source ?? ""}`),
        ];
        const [first, ...rest] = summarize(stored.record).split("\n");
        process.stdout.write(`${[first, ...lines, ...rest].join("\n")}\n`);
      } finally {
        db.close();
      }
    });
}
