import { Command, Option } from "commander";
import { expandPaths } from "../../files.js";
import { defaultWorkers, importFiles } from "../../import/importer.js";
import { openDatabase } from "../../store/db.js";
import { writeMetadata } from "../../store/metadata.js";
import { recordImportError } from "../../store/write.js";
import { dbOption, extractTimeoutOption, maxPagesOption, minQualityOption, positiveInteger } from "../options.js";
import { Progress } from "../progress.js";

export function importCommand(): Command {
  return new Command("import")
    .description("Import filings into the database: every document stored once, grouped into filings and their versions by what they say, nothing lost.")
    .argument("<paths...>", "filings, folders (searched recursively) or globs, in any mix")
    .addOption(dbOption())
    .addOption(maxPagesOption())
    .addOption(extractTimeoutOption())
    .addOption(minQualityOption())
    .addOption(new Option("--workers <n>", "worker threads that extract (writes stay serialized)").default(defaultWorkers()).argParser(positiveInteger("--workers")))
    .addOption(new Option("--json", "print the summary as JSON on stdout"))
    .addHelpText(
      "after",
      `
Each document is stored in one transaction: whole or not at all, even if the process is killed.
A document belongs to the filing it names (organization, form, 評価書番号): one with a new 公表日
is a new version of that filing, one with a known 公表日 another rendering of that version (one
whose 公表日 was not read joins the version it reads as, or stands as an undated version that is
never current while a dated one exists). The same bytes again change nothing but the note of
where and when they were seen. A filing read
poorly (a low quality.coverage: few of its form's labelled fields found) is stored with a warning
line; with --min-quality, one below it fails instead. A bad file gets one line on stderr and a
row in import_errors, and the batch goes on. Exit status 1 when any file failed.

Examples:
  pia import fixtures
  pia import 'downloads/**/*.txt' --db research.sqlite
  pia import filings/ --json > summary.json`,
    )
    .action(async (paths: string[], options: { db: string; workers: number; json?: boolean; maxPages: number; extractTimeout: number; minQuality: number }) => {
      const db = openDatabase(options.db);
      try {
        const { files, missing, empty } = await expandPaths(paths);
        const unusable = [
          ...missing.map((path) => ({ path, reason: "no such file or folder" })),
          ...empty.map((path) => ({ path, reason: "no filings found (supported: .pdf .txt .md .text .html .htm)" })),
        ];
        for (const { path, reason } of unusable) {
          recordImportError(db, path, reason);
          process.stderr.write(`${path}: ${reason}\n`);
        }
        const progress = new Progress(files.length);
        const summary = await importFiles(db, files, {
          workers: options.workers,
          maxPages: options.maxPages,
          extractTimeoutMs: options.extractTimeout * 1000,
          minQuality: options.minQuality,
          onStart: (path) => progress.start(path),
          onEvent: (event) => progress.event(event),
        });
        progress.finish();
        summary.failed += unusable.length;
        summary.errors.unshift(...unusable);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ database: options.db, ...summary }, null, 2)}\n`);
        } else {
          const rate = summary.seconds > 0 ? ` — ${(summary.files / summary.seconds).toFixed(1)} files/s` : "";
          process.stderr.write(
            `${options.db}: imported ${summary.imported}, new versions ${summary.newVersions}, new renderings ${summary.newRenderings}, ` +
              `unchanged ${summary.unchanged}, failed ${summary.failed}${summary.lowQuality > 0 ? `, read poorly ${summary.lowQuality}` : ""}` +
              ` (${summary.files} ${summary.files === 1 ? "file" : "files"} in ${summary.seconds.toFixed(2)} s${rate})\n`,
          );
        }
        writeMetadata(options.db);
        if (summary.failed > 0) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
