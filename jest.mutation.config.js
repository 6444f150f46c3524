/**
 * Jest for mutation testing: the in-process suites that exercise the safety-critical modules Stryker mutates
 * (see stryker.config.json). Suites that drive the sandbox in child processes cannot report a mutant's coverage,
 * and suites that load the whole program cost seconds per mutant, so they stay out: every mutated module has
 * fast in-process tests of its behaviour here (the full suite adds the end-to-end checks of the same rules).
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  // Transpile each file on its own: a mutated sandbox starts with a cold cache, and whole-program
  // compilation per test file would dominate the run (the typescript checker does the type checking).
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false, isolatedModules: true }] },
  testMatch: [
    "<rootDir>/test/client/retries.test.ts",
    "<rootDir>/test/client/retryPolicy.test.ts",
    "<rootDir>/test/client/adoption.test.ts",
    "<rootDir>/test/providers/adoptTwin.test.ts",
    "<rootDir>/test/components/statefulPlan.test.ts",
    "<rootDir>/test/sandbox/stateStore.test.ts",
    "<rootDir>/test/sandbox/refresh.test.ts",
    "<rootDir>/test/emulator/serviceResources.test.ts",
    "<rootDir>/test/emulator/domainConflicts.test.ts",
    "<rootDir>/test/cost/estimate.test.ts",
    "<rootDir>/test/blueprint/importBlueprint.test.ts",
    "<rootDir>/test/blueprint/warnings.test.ts",
    "<rootDir>/test/policy/rules.test.ts",
    "<rootDir>/test/policy/policies.test.ts",
  ],
};
