// The configurationVariables hook handlers of the `fevm-devnet/hardhat` plugin (index.js): the
// variable FEVM_DEVNET_IN_PROCESS resolves to the url of a devnet started inside Hardhat
// (in-process.js), with the project's artifacts folder to name contracts and errors, unless the
// environment sets it. Every other variable passes through.
import { IN_PROCESS_VARIABLE, inProcessDevnet } from './in-process.js';

/** @type {import('hardhat/types/plugins').HookHandlerCategoryFactory<'configurationVariables'>} */
export default async () => ({
  async fetchValue(context, variable, next) {
    if (variable.name !== IN_PROCESS_VARIABLE || process.env[IN_PROCESS_VARIABLE]) return next(context, variable);
    return (await inProcessDevnet(context.config.paths.artifacts)).url;
  },
});
