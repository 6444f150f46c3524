/**
 * The engine's own gRPC service (`pulumirpc.Engine`), which the Pulumi SDK reaches at `PULUMI_NODEJS_ENGINE`:
 * `pulumi.log.*` calls from the program and from provider code in the plugin arrive here as `LogRequest`s.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";

export type LogSeverity = "debug" | "info" | "warning" | "error";

export interface LogMessage {
  severity: LogSeverity;
  /** The resource the message is about; empty for a message about no resource. */
  urn: string;
  message: string;
  /** A status line meant to be replaced by the next one (Pulumi shows it only while the step runs). */
  ephemeral: boolean;
}

export interface EngineService {
  /** `127.0.0.1:<port>`, the value of `PULUMI_NODEJS_ENGINE` for the program and the plugin. */
  readonly address: string;
  close(): Promise<void>;
}

const SEVERITIES: Record<number, LogSeverity> = {
  [engproto.LogSeverity.DEBUG]: "debug",
  [engproto.LogSeverity.INFO]: "info",
  [engproto.LogSeverity.WARNING]: "warning",
  [engproto.LogSeverity.ERROR]: "error",
};

function unimplemented(what: string): grpc.ServiceError {
  return Object.assign(new Error(`${what} is not available in the sandbox`), {
    code: grpc.status.UNIMPLEMENTED, details: `${what} is not available in the sandbox`, metadata: new grpc.Metadata(),
  });
}

/** Serves the engine RPCs on 127.0.0.1 (any free port); every log message goes to `onLog` before it is answered. */
export async function startEngineService(onLog: (msg: LogMessage) => void): Promise<EngineService> {
  let rootUrn = "";
  const impl: engrpc.IEngineServer = {
    log(call, cb) {
      const req = call.request;
      onLog({
        severity: SEVERITIES[req.getSeverity()] ?? "info", urn: req.getUrn(), message: req.getMessage(),
        ephemeral: req.getEphemeral(),
      });
      cb(null, new Empty());
    },
    getRootResource(_call, cb) {
      cb(null, new engproto.GetRootResourceResponse().setUrn(rootUrn));
    },
    setRootResource(call, cb) {
      rootUrn = call.request.getUrn();
      cb(null, new engproto.SetRootResourceResponse());
    },
    startDebugging(_call, cb) {
      cb(unimplemented("StartDebugging"));
    },
    requirePulumiVersion(_call, cb) {
      cb(unimplemented("RequirePulumiVersion"));
    },
  };
  const server = new grpc.Server();
  server.addService(engrpc.EngineService, impl);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  return {
    address: `127.0.0.1:${port}`,
    // Called once the program and the plugin are gone; nothing is left to wait for.
    close: async () => server.forceShutdown(),
  };
}
