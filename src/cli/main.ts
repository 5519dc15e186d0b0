#!/usr/bin/env node
import { Command } from "commander";
import { NoDatabaseError } from "../store/db.js";
import { VERSION } from "../version.js";
import { crawlCommand } from "./commands/crawl.js";
import { extractCommand } from "./commands/extract.js";
import { importCommand } from "./commands/import.js";
import { indexCommand } from "./commands/index.js";
import { exportCommand } from "./commands/export.js";
import { diffCommand, historyCommand } from "./commands/history.js";
import { queryCommand } from "./commands/query.js";
import { searchCommand } from "./commands/search.js";
import { showCommand } from "./commands/show.js";
import { statsCommand } from "./commands/stats.js";

/** The `pia` command line: a thin layer over the library (src/index.ts), one module per command. */

const program = new Command()
  .name("pia")
  .description("Reads Japan's published privacy impact assessments (特定個人情報保護評価書) and turns each filing into one record.")
  .version(VERSION)
  .addCommand(extractCommand())
  .addCommand(importCommand())
  .addCommand(showCommand())
  .addCommand(searchCommand())
  .addCommand(indexCommand())
  .addCommand(queryCommand())
  .addCommand(exportCommand())
  .addCommand(statsCommand())
  .addCommand(historyCommand())
  .addCommand(diffCommand())
  .addCommand(crawlCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`pia: ${(error as Error).message}\n`);
  // A missing database is the user's to fix, like a bad argument; anything else is ours.
  process.exitCode = error instanceof NoDatabaseError ? 1 : 2;
});
