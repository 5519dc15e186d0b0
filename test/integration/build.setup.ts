import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** Build dist/ from the sources under test (the native compiler takes about a second). */
export default function setup(): void {
  const root = join(import.meta.dirname, "..", "..");
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit", cwd: root });
  execFileSync(process.execPath, ["-e", "require('node:fs').chmodSync('dist/src/cli/main.js', 0o755)"], { cwd: root });
}
