// Hardhat Ignition: deploys contracts/DataDaoTreasury.sol with the first three accounts as members and
// a quorum of two (parameter `quorum`), then funds it with 1 FIL (parameter `funding`, in attoFIL).
// `npx hardhat ignition deploy ignition/modules/DataDaoTreasury.ts --network fevm`
import { buildModule } from '@nomicfoundation/hardhat-ignition/modules';

export default buildModule('DataDaoTreasury', (m) => {
  const members = [m.getAccount(0), m.getAccount(1), m.getAccount(2)];
  const treasury = m.contract('DataDaoTreasury', [members, m.getParameter('quorum', 2n)]);
  m.send('FundTreasury', treasury, m.getParameter('funding', 10n ** 18n));
  return { treasury };
});
