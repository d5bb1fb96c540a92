// Hardhat Ignition: deploys contracts/StorageBounty.sol. `npx hardhat ignition deploy ignition/modules/StorageBounty.ts --network fevm`
import { buildModule } from '@nomicfoundation/hardhat-ignition/modules';

export default buildModule('StorageBounty', (m) => {
  const bounty = m.contract('StorageBounty');
  return { bounty };
});
