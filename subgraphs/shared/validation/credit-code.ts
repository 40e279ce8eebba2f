// The unified social credit code check lives in the runtime (runtime/credit-code.ts): the gateway
// checks an ENTERPRISE token's code with it too. Subgraphs import it from here, beside the other
// checks of their inputs.
export {
  creditCodeCheckChar,
  creditCodeProblem,
  maskCreditCode,
} from "../../../runtime/credit-code";
