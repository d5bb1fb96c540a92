// The Filecoin methods Ethereum transactions become (FEVM-FACTS §6.4, §3.3): a call is InvokeContract on
// the recipient, a deployment is CreateExternal on the EAM (f010). Declared here because eth/ may not
// import the vm or actor layers that own them.

/** FRC-42 number of "InvokeEVM". */
export const METHOD_INVOKE_CONTRACT = 3844450837;
/** EAM CreateExternal. */
export const EAM_METHOD_CREATE_EXTERNAL = 4;
