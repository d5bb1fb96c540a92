// The EAM actor: public API.
export { eamActor, EAM_METHOD_CREATE, EAM_METHOD_CREATE2, EAM_METHOD_CREATE_EXTERNAL, EVM_METHOD_RESURRECT } from './eam-actor.ts';
export { canAssignAddress, computeCreate2Address, computeCreateAddress, isPrecompileShaped } from './eth-address-derivation.ts';
