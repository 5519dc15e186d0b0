import { Command, Option } from "commander";
import { extractFile } from "../../engine.js";
import { InputError } from "../../errors.js";
import { expandPaths } from "../../files.js";
import { judgeQuality } from "../../record/quality.js";
import { maxPagesOption, minQualityOption } from "../options.js";
import { summarize } from "../summary.js";

export function extractCommand(): Command {
  return new Command("extract")
    .description("Extract the record of each filing: a readable summary, or the record itself with --json.")
    .argument("<paths...>", "filings (.pdf, .txt .md .text .html .htm in UTF-8, UTF-16, Shift_JIS or EUC-JP), folders to search, or globs")
    .addOption(maxPagesOption())
    .addOption(minQualityOption())
    .addOption(new Option("--json", "print the record (docs/record.md): one file gives one JSON object, several give one object per line"))
    .addHelpText(
      "after",
      `
A file that cannot be read (empty, binary, undecodable, an encrypted, corrupt or scanned PDF, not
a 評価書) gets one line on stderr
naming it and the reason; the other files are still extracted, and the exit status is 1.
A filing with missing parts gives its record as far as it goes, with warnings (docs/warnings.md);
one whose quality.coverage (the share of its form's labelled fields found) is low gets a warning
line on stderr, and with --min-quality one below it fails.

Examples:
  pia extract filing.txt
  pia extract filing.txt --json > record.json
  pia extract filings/ --json > records.jsonl`,
    )
    .action(async (paths: string[], options: { json?: boolean; maxPages: number; minQuality: number }) => {
      const { files, missing, empty } = await expandPaths(paths);
      for (const path of missing) process.stderr.write(`${path}: no such file or folder\n`);
      for (const path of empty) process.stderr.write(`${path}: no filings found (supported: .pdf .txt .md .text .html .htm)\n`);
      let failed = missing.length + empty.length;
      // Pretty JSON only for one file named as such; a folder or a glob gives JSON lines.
      const single = files.length === 1 && paths.length === 1 && files[0] === paths[0];
      for (const path of files) {
        try {
          const record = await extractFile(path, { maxPages: options.maxPages });
          const verdict = judgeQuality(record.quality, options.minQuality);
          if (verdict.level !== "ok") process.stderr.write(`${path}: ${verdict.level === "low" ? "warning: " : ""}${verdict.message}\n`);
          if (verdict.level === "refused") {
            failed++;
            continue;
          }
          if (options.json) process.stdout.write(single ? `${JSON.stringify(record, null, 2)}\n` : `${JSON.stringify(record)}\n`);
          else process.stdout.write(`${summarize(record)}\n\n`);
        } catch (error) {
          failed++;
          process.stderr.write(`${error instanceof InputError ? error.message : `${path}: ${(error as Error).message}`}\n`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}
