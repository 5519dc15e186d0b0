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
  .description(
    "Extract the record of each filing (text .txt/.md or HTML .html/.htm; folders are searched recursively).\n" +
      "Prints a readable summary, or with --json the record of RECORD.md (one file: one JSON object;\n" +
      "several: one object per line). A file that cannot be read gets one line on stderr naming it\n" +
      "and the reason; the others are still extracted, and the exit status is 1.",
  )
  .argument("<paths...>", "files or folders")
  .addOption(new Option("--json", "print the record as JSON"))
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
