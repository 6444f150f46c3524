/**
 * One bad-input case: (optionally) apply a valid config, then run the bad one and check that it was refused
 * with no Render API call at all and with a message naming the field, the value and what is allowed.
 */
import { judgeConfigMessage } from "./clarity";
import type { BadInputCase } from "./badInputCases";
import { withCaseEnv, type ChaosSettings } from "./caseEnv";
import { caseLeaks, writeRunLogs } from "./evidence";
import { caseSeed } from "./random";
import { runStack, type RunOutcome } from "./stackRun";
import type { BadInputResult } from "./summary";

export async function runBadInput(settings: ChaosSettings, c: BadInputCase): Promise<BadInputResult> {
  return withCaseEnv(settings, `bad-${c.id}`, { seed: caseSeed(settings.seed, c.id) }, async ({ admin, target }) => {
    const runs: { label: string; outcome: RunOutcome }[] = [];
    if (c.before) {
      const setup = await runStack(target, c.before);
      runs.push({ label: "setup run", outcome: setup });
      if (!setup.ok) {
        const value: BadInputResult = {
          id: c.id, rejected: false, apiCalls: -1, clear: false, missing: ["setup run failed"],
          message: setup.errors.join("\n"), secretLeaks: [],
        };
        return { value, passed: false };
      }
    }
    await admin.clearRequests();
    const out = await runStack(target, c.config, { unsetSecrets: c.unsetSecrets });
    runs.push({ label: "refused run", outcome: out });
    const apiCalls = (await admin.requests()).total;
    const message = out.errors.join("\n");
    const verdict = judgeConfigMessage(message, c.expect);
    const secretLeaks = caseLeaks(target, await admin.state(), runs);
    writeRunLogs(target.workDir, runs);
    const value: BadInputResult = { id: c.id, rejected: !out.ok, apiCalls, clear: verdict.clear, missing: verdict.missing, message, secretLeaks };
    return { value, passed: value.rejected && apiCalls === 0 && verdict.clear && secretLeaks.length === 0 };
  });
}
