import { Option } from "commander";
import { DEFAULT_DB_PATH } from "../store/db.js";

/** `--db PATH`, on every command that reads or writes the database. */
export function dbOption(): Option {
  return new Option("--db <path>", "the SQLite database").default(DEFAULT_DB_PATH);
}
