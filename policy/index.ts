/** CrossGuard pack for production stacks: `pulumi preview --policy-pack policy`. */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("render-stages-production", { policies });
