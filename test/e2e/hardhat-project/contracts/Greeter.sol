// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import "hardhat/console.sol";

/// Logs with Hardhat's console.sol from a transaction and from a view, for the in-process devnet to
/// print, and reverts with a custom error for it to name from the project's artifacts.
contract Greeter {
    error Silent(uint256 times);

    string public greeting = "hello";

    function setGreeting(string calldata next) external {
        console.log("greeting changes from %s to %s", greeting, next);
        greeting = next;
    }

    function shout(uint256 times) external view returns (string memory) {
        console.log("shouting %d times", times);
        if (times == 0) revert Silent(times);
        return greeting;
    }
}
