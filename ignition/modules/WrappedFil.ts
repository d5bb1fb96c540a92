// Hardhat Ignition: deploys contracts/WrappedFil.sol. `npx hardhat ignition deploy ignition/modules/WrappedFil.ts --network fevm`
import { buildModule } from '@nomicfoundation/hardhat-ignition/modules';

export default buildModule('WrappedFil', (m) => {
  const wfil = m.contract('WrappedFil');
  return { wfil };
});
