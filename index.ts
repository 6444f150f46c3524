/**
 * Entry point: load the stack config, read the previous run's outputs, build the configured stage and export
 * its outputs (components/program.ts). A CommonJS entry point exports the value itself: the runtime awaits an
 * exported Promise, while `export default` would be exported as an output named "default".
 */
import { runProgram } from "./components/program";

export = runProgram();
