// Foundry against the devnet, as docs/foundry.md tells a new user to run it: a project whose
// foundry.toml points `solc` at our solc-js stand-in (bin/fevm-solc.js), then `forge build`,
// `forge create --broadcast`, `forge script --broadcast --skip-simulation`, `forge test --fork-url`, and
// cast's send, call, receipt and logs. Without --skip-simulation, forge's Ethereum-gas limits are
// refused at once with a clear error instead of waiting forever.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createDevnet, type Devnet } from '../../src/cli/devnet.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');
const SOLC = join(ROOT, 'bin', 'fevm-solc.js');
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** The forge and cast binaries of the @foundry-rs packages (their linux-amd64 platform packages). */
function foundryBinary(name: 'forge' | 'cast'): string {
  const pkg = dirname(require.resolve(`@foundry-rs/${name}-linux-amd64/package.json`));
  return join(pkg, 'bin', name);
}

const FILES: Record<string, string> = {
  'foundry.toml': `[profile.default]
src = "src"
out = "out"
solc = "${SOLC}"
evm_version = "cancun"
offline = true
`,
  'src/Counter.sol': `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import {Owned} from "./Owned.sol";
contract Counter is Owned {
    uint256 public number;
    event NumberSet(uint256 indexed number);
    function setNumber(uint256 n) public { number = n; emit NumberSet(n); }
    function increment() public { number++; }
}
`,
  'src/Owned.sol': `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Owned { address public owner = msg.sender; }
`,
  'script/Deploy.s.sol': `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import {Counter} from "../src/Counter.sol";
interface Vm { function startBroadcast() external; function stopBroadcast() external; }
contract Deploy {
    Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    function run() public returns (Counter c) {
        vm.startBroadcast();
        c = new Counter();
        c.setNumber(42);
        vm.stopBroadcast();
    }
}
`,
  'test/Counter.t.sol': `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
import {Counter} from "../src/Counter.sol";
interface Vm { function envAddress(string calldata) external returns (address); }
contract CounterTest {
    Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    function test_IncrementsTheDeployedCounter() public {
        Counter c = Counter(vm.envAddress("COUNTER"));
        uint256 before = c.number();
        c.increment();
        require(c.number() == before + 1, "increment");
    }
}
`,
};

describe('Foundry (forge, cast) against the devnet', () => {
  let devnet: Devnet;
  let project: string;
  const forge = (args: string[], env: Record<string, string> = {}) => run(foundryBinary('forge'), args, { cwd: project, env: { ...process.env, ...env }, timeout: 120_000 });
  const cast = (args: string[]) => run(foundryBinary('cast'), args, { cwd: project, timeout: 60_000 });

  before(async () => {
    devnet = await createDevnet({ memory: true, port: 0, accounts: 2 });
    project = mkdtempSync(join(tmpdir(), 'fevm-foundry-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(project, file)), { recursive: true });
      writeFileSync(join(project, file), text);
    }
  });

  after(async () => {
    await devnet.close();
    rmSync(project, { recursive: true, force: true });
  });

  it('fevm-solc answers --version as a native solc does', async () => {
    const { stdout } = await run(process.execPath, [SOLC, '--version']);
    assert.match(stdout, /^Version: 0\.8\.\d+\+commit\.[0-9a-f]+\.Linux\.g\+\+$/m);
  });

  it('forge build compiles offline through fevm-solc, imports included', async () => {
    const { stdout } = await forge(['build']);
    assert.match(stdout, /Compiler run successful/);
  });

  it('forge create --broadcast deploys, and cast sends, calls, and reads the receipt and logs', async () => {
    const { stdout } = await forge(['create', 'src/Counter.sol:Counter', '--rpc-url', devnet.url, '--private-key', KEY, '--broadcast']);
    const address = /Deployed to: (0x[0-9a-fA-F]{40})/.exec(stdout)?.[1];
    assert.ok(address, stdout);
    const sent = await cast(['send', '--rpc-url', devnet.url, '--private-key', KEY, '--json', address, 'setNumber(uint256)', '7']);
    const receipt = JSON.parse(sent.stdout) as { status: string; transactionHash: string };
    assert.equal(receipt.status, '0x1');
    assert.equal((await cast(['call', '--rpc-url', devnet.url, address, 'number()(uint256)'])).stdout.trim(), '7');
    assert.match((await cast(['receipt', '--rpc-url', devnet.url, receipt.transactionHash, 'status'])).stdout.trim(), /^(true|1( \(success\))?)$/);
    const logs = await cast(['logs', '--rpc-url', devnet.url, '--json', '--from-block', '0', '--address', address, 'NumberSet(uint256 indexed)']);
    const entries = JSON.parse(logs.stdout) as { topics: string[] }[];
    assert.equal(entries.length, 1);
    assert.equal(BigInt(entries[0]!.topics[1]!), 7n);
  });

  it('forge script --broadcast --skip-simulation deploys and calls, with limits from eth_estimateGas', async () => {
    const { stdout } = await forge(['script', 'script/Deploy.s.sol:Deploy', '--rpc-url', devnet.url, '--private-key', KEY, '--broadcast', '--skip-simulation']);
    assert.match(stdout, /ONCHAIN EXECUTION COMPLETE & SUCCESSFUL/);
    const address = /contract Counter (0x[0-9a-fA-F]{40})/.exec(stdout)?.[1];
    assert.ok(address, stdout);
    assert.equal((await cast(['call', '--rpc-url', devnet.url, address, 'number()(uint256)'])).stdout.trim(), '42');
  });

  it('forge script without --skip-simulation is refused at once: its Ethereum-gas limits cannot pay for Filecoin inclusion', async () => {
    const failed = await forge(['script', 'script/Deploy.s.sol:Deploy', '--rpc-url', devnet.url, '--private-key', KEY, '--broadcast']).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
    );
    assert.ok(failed, 'forge script fails');
    assert.match(failed, /intrinsic gas too low: gas limit \d+, minimum needed \d+/);
  });

  it('forge test --fork-url runs tests on a fork of the devnet', async () => {
    const { stdout } = await forge(['create', 'src/Counter.sol:Counter', '--rpc-url', devnet.url, '--private-key', KEY, '--broadcast']);
    const address = /Deployed to: (0x[0-9a-fA-F]{40})/.exec(stdout)![1]!;
    const tested = await forge(['test', '--fork-url', devnet.url], { COUNTER: address });
    assert.match(tested.stdout, /\[PASS\] test_IncrementsTheDeployedCounter/);
    assert.match(tested.stdout, /1 tests? passed, 0 failed/);
  });
});
