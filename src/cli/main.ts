#!/usr/bin/env node
import { Command, Option } from "commander";
import { extractFile } from "../engine.js";
import { InputError } from "../errors.js";
import { expandPaths } from "../files.js";
import { summarize } from "./summary.js";

/** The `pia` command line: a thin layer over the library (src/index.ts). */

const program = new Command();

program
  .name("pia")
  .description(
    "Reads Japan's published privacy impact assessments (特定個人情報保護評価書) and turns each filing into one record.",
  )
  .version("0.1.0");

program
  .command("extract")
  .description("Extract the record of each filing: a readable summary, or the record itself with --json.")
  .argument("<paths...>", "filings (.txt .md .text .html .htm, in UTF-8, UTF-16, Shift_JIS or EUC-JP) or folders to search")
  .addOption(new Option("--json", "print the record (docs/record.md): one file gives one JSON object, several give one object per line"))
  .addHelpText(
    "after",
    `
A file that cannot be read (empty, binary, undecodable, not a 評価書) gets one line on stderr
naming it and the reason; the other files are still extracted, and the exit status is 1.
A filing with missing parts gives its record as far as it goes, with warnings (docs/warnings.md).

Examples:
  pia extract filing.txt
  pia extract filing.txt --json > record.json
  pia extract filings/ --json > records.jsonl`,
  )
  .action(async (paths: string[], options: { json?: boolean }) => {
    const { files, missing } = await expandPaths(paths);
    let failed = missing.length;
    for (const path of missing) process.stderr.write(`${path}: no such file or folder\n`);
    if (files.length === 0 && missing.length === 0) {
      process.stderr.write(`${paths.join(", ")}: no filings found (supported: .txt .md .text .html .htm)\n`);
      failed++;
    }
    const single = files.length === 1 && paths.length === 1;
    for (const path of files) {
      try {
        const record = await extractFile(path);
        if (options.json) process.stdout.write(single ? `${JSON.stringify(record, null, 2)}\n` : `${JSON.stringify(record)}\n`);
        else process.stdout.write(`${summarize(record)}\n\n`);
      } catch (error) {
        failed++;
        const message = error instanceof InputError ? error.message : `${path}: ${(error as Error).message}`;
        process.stderr.write(`${message}\n`);
      }
    }
    if (failed > 0) process.exitCode = 1;
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`pia: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
